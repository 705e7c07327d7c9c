//! The work-order slip (派工单): the paper a technician takes to the job and brings back
//! signed.

use serde::{Deserialize, Serialize};

use super::PrintError;
use super::model::*;

/// A work-order slip, every text final: values formatted and labels translated by the
/// caller in the language the slip is printed in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkOrderSlip {
    pub paper: Paper,
    /// BCP 47 tag of the slip's language ("zh-CN", "ja", "ko", "en").
    pub language: String,
    pub office_name: String,
    /// "派工单", "Work order".
    pub title: String,
    pub case_number: String,
    pub work_order_number: String,
    /// The department or outside supplier doing the work.
    pub department: String,
    pub assignee: String,
    pub priority: String,
    pub received_at: String,
    pub due_at: String,
    pub unit: String,
    pub customer_name: String,
    pub contact_phone: String,
    /// Multi-line (`\n`).
    pub instructions: String,
    pub charges: Vec<ChargeLine>,
    /// The charges' total, formatted with its currency.
    pub total: String,
    pub labels: SlipLabels,
}

/// One charge (labour, materials), formatted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChargeLine {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
}

/// The slip's labels, translated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SlipLabels {
    pub case_number: String,
    pub work_order_number: String,
    pub department: String,
    pub assignee: String,
    pub priority: String,
    pub received_at: String,
    pub due_at: String,
    pub unit: String,
    pub customer: String,
    pub contact_phone: String,
    pub instructions: String,
    /// Caption of the charges table.
    pub charges: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
    pub total: String,
    pub technician_signature: String,
    pub customer_signature: String,
    /// Before the signature line ("Signature", "签字").
    pub signature: String,
    /// Before the date line ("Date", "日期").
    pub date: String,
    /// Page number line with `{page}` and `{pages}` ("Page {page} of {pages}").
    pub page: String,
}

/// The slip as a document (for callers that add to it).
pub fn work_order_slip_document(slip: &WorkOrderSlip) -> Document {
    let l = &slip.labels;
    let mut blocks = Vec::new();
    if !slip.office_name.is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: slip.office_name.clone(),
            size: TextSize::Large,
            bold: false,
            align: Align::Center,
        }));
    }
    blocks.push(Block::Title(slip.title.clone()));
    blocks.push(Block::Fields(Fields {
        columns: 2,
        items: vec![
            Field::new(&l.case_number, &slip.case_number),
            Field::new(&l.work_order_number, &slip.work_order_number),
            Field::new(&l.department, &slip.department),
            Field::new(&l.assignee, &slip.assignee),
            Field::new(&l.received_at, &slip.received_at),
            Field::new(&l.due_at, &slip.due_at),
            Field::wide(&l.priority, &slip.priority),
            Field::wide(&l.unit, &slip.unit),
            Field::new(&l.customer, &slip.customer_name),
            Field::new(&l.contact_phone, &slip.contact_phone),
        ],
    }));
    blocks.push(Block::TextBox(TextBox {
        label: l.instructions.clone(),
        text: slip.instructions.clone(),
        min_lines: 4,
    }));
    blocks.push(Block::Table(Table {
        caption: Some(l.charges.clone()),
        columns: vec![
            Column::new(&l.description, 5.0, Align::Left),
            Column::new(&l.quantity, 1.4, Align::Right),
            Column::new(&l.unit_price, 2.0, Align::Right),
            Column::new(&l.amount, 2.2, Align::Right),
        ],
        rows: slip
            .charges
            .iter()
            .map(|c| vec![c.description.clone(), c.quantity.clone(), c.unit_price.clone(), c.amount.clone()])
            .collect(),
        min_rows: 3,
        total: Some((l.total.clone(), slip.total.clone())),
    }));
    blocks.push(Block::Signatures(vec![
        SignatureBox {
            title: l.technician_signature.clone(),
            signature_label: l.signature.clone(),
            date_label: l.date.clone(),
        },
        SignatureBox {
            title: l.customer_signature.clone(),
            signature_label: l.signature.clone(),
            date_label: l.date.clone(),
        },
    ]));
    let heading = format!("{} {}", slip.title, slip.work_order_number).trim().to_owned();
    Document {
        paper: slip.paper,
        language: slip.language.clone(),
        title: heading.clone(),
        running_header: Some(heading),
        page_numbers: (!l.page.is_empty()).then(|| l.page.clone()),
        blocks,
    }
}

/// The work-order slip as PDF bytes.
pub fn work_order_slip(slip: &WorkOrderSlip) -> Result<Vec<u8>, PrintError> {
    super::render(&work_order_slip_document(slip))
}
