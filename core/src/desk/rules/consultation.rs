//! Consultation services for foreign residents are inquiries with a topic: the topic
//! belongs to inquiries only.

use crate::domain::{CaseKind, ConsultationTopic};

/// The catalog key of the refusal of a topic on a case that is not an inquiry.
pub const TOPIC_INQUIRY_ONLY: &str = "validation.topic_inquiry_only";

pub fn check_topic(kind: CaseKind, topic: Option<ConsultationTopic>) -> Result<(), &'static str> {
    if topic.is_some() && kind != CaseKind::Inquiry { Err(TOPIC_INQUIRY_ONLY) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_belong_to_inquiries() {
        assert_eq!(check_topic(CaseKind::Inquiry, Some(ConsultationTopic::CarRental)), Ok(()));
        assert_eq!(check_topic(CaseKind::Inquiry, None), Ok(()));
        assert_eq!(check_topic(CaseKind::Repair, None), Ok(()));
        assert_eq!(check_topic(CaseKind::Repair, Some(ConsultationTopic::Visas)), Err(TOPIC_INQUIRY_ONLY));
    }
}
