//! Confirmations: when a case is opened, a work order scheduled, a statement issued or a
//! parcel received, a short text in the customer's language (SMS length: the number,
//! what, when, how much, where to collect) to print, or to copy into an SMS or a
//! messaging app — Steward sends nothing itself. Giving one is a contact on the
//! customer's timeline.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rust_i18n::t;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ContactRow, NewContact, contact_rows};
use crate::app::Cx;
use crate::convenience::notice::recipient;
use crate::db;
use crate::desk::attachments::base64_encode;
use crate::desk::rules::text::{case_number, work_order_number};
use crate::desk::slip::Document;
use crate::directory::occupancy::unit_labels;
use crate::domain::{ConfirmationSubject, ContactChannel, ContactDirection, ContactKind, Permission};
use crate::entities::{customer, mail_item, property, service_case, statement, supplier, work_order};
use crate::error::{Error, Result};
use crate::locales;
use crate::menus::format;
use crate::print::{self, Align, Block, Field, Fields, Paper, Paragraph, TextSize};

/// A case title longer than this is cut in the text (an SMS has little room).
const TITLE_MAX: usize = 40;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConfirmationGet {
    pub subject: ConfirmationSubject,
    pub id: i32,
    /// The screen's offset from UTC, so times read as on the office clock.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConfirmationGiven {
    pub subject: ConfirmationSubject,
    pub id: i32,
    pub channel: ContactChannel,
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Confirmation {
    pub subject: ConfirmationSubject,
    pub id: i32,
    /// The customer it is for (none: a caller or addressee not registered).
    pub customer_id: Option<i32>,
    pub customer_name: String,
    /// The language the text is in.
    pub language: String,
    /// The catalog lacks the requested language: the text is in the fallback (English).
    pub fell_back: bool,
    /// The customer's preferred language (else the case's, else the caller's).
    pub requested_language: String,
    /// "C000123", "C000123-2", the statement's number, or the mail item's.
    pub reference: String,
    pub text: String,
}

/// What the text is built from, read once.
struct Facts {
    customer: Option<customer::Model>,
    /// The name when there is no customer record (caller, addressee).
    name: String,
    /// The language asked for when there is no customer record.
    language: String,
    unit_id: Option<i32>,
    case_id: Option<i32>,
    work_order_id: Option<i32>,
    statement_id: Option<i32>,
    mail_item_id: Option<i32>,
    reference: String,
    /// Catalog key under `confirmation.` and its arguments (besides name and unit).
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument rendered in the text's language.
enum Arg {
    Text(String),
    Time(DateTime<Utc>),
    Month(String),
    Money(i64, String),
    Key(String),
}

fn permission_for(subject: ConfirmationSubject) -> Permission {
    match subject {
        ConfirmationSubject::Case | ConfirmationSubject::WorkOrder => Permission::CaseRead,
        ConfirmationSubject::Statement => Permission::StatementRead,
        ConfirmationSubject::MailItem => Permission::ConvenienceRead,
    }
}

fn short(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= TITLE_MAX {
        title.to_owned()
    } else {
        format!("{}…", title.chars().take(TITLE_MAX - 1).collect::<String>())
    }
}

async fn customer_of(db: &impl ConnectionTrait, id: Option<i32>) -> Result<Option<customer::Model>> {
    match id {
        Some(id) => Ok(customer::Entity::find_by_id(id).one(db).await?),
        None => Ok(None),
    }
}

async fn facts(cx: &Cx, subject: ConfirmationSubject, id: i32) -> Result<Facts> {
    let db = &cx.db;
    match subject {
        ConfirmationSubject::Case => {
            let c = service_case::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
            let number = case_number(c.id);
            Ok(Facts {
                customer: customer_of(db, c.customer_id).await?,
                name: c.caller_name.clone().unwrap_or_default(),
                language: c.language.clone(),
                unit_id: c.unit_id,
                case_id: Some(c.id),
                work_order_id: None,
                statement_id: None,
                mail_item_id: None,
                reference: number.clone(),
                key: "case",
                args: vec![
                    ("number", Arg::Text(number)),
                    ("title", Arg::Text(short(&c.title))),
                    ("due", Arg::Time(c.completion_due_at)),
                ],
            })
        }
        ConfirmationSubject::WorkOrder => {
            let w = work_order::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
            let c = service_case::Entity::find_by_id(w.case_id).one(db).await?.ok_or(Error::NotFound)?;
            let who = match (w.department, w.supplier_id) {
                (Some(d), _) => Arg::Key(format!("enum.department.{}", d.as_str())),
                (None, Some(s)) => {
                    Arg::Text(supplier::Entity::find_by_id(s).one(db).await?.map(|s| s.name).unwrap_or_default())
                }
                (None, None) => Arg::Key("confirmation.our_staff".into()),
            };
            let number = work_order_number(c.id, w.seq);
            Ok(Facts {
                customer: customer_of(db, c.customer_id).await?,
                name: c.caller_name.clone().unwrap_or_default(),
                language: c.language.clone(),
                unit_id: c.unit_id,
                case_id: Some(c.id),
                work_order_id: Some(w.id),
                statement_id: None,
                mail_item_id: None,
                reference: number.clone(),
                key: if c.unit_id.is_some() { "work_order" } else { "work_order_no_unit" },
                args: vec![
                    ("number", Arg::Text(number)),
                    ("title", Arg::Text(short(&c.title))),
                    ("who", who),
                    ("due", Arg::Time(w.due_at)),
                ],
            })
        }
        ConfirmationSubject::Statement => {
            let s = statement::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
            Ok(Facts {
                customer: customer_of(db, Some(s.customer_id)).await?,
                name: String::new(),
                language: s.language.clone(),
                unit_id: s.unit_id,
                case_id: None,
                work_order_id: None,
                statement_id: Some(s.id),
                mail_item_id: None,
                reference: s.number.clone(),
                key: "statement",
                args: vec![
                    ("number", Arg::Text(s.number.clone())),
                    ("month", Arg::Month(s.month.clone())),
                    ("amount", Arg::Money(s.total_cents - s.paid_cents, s.currency.clone())),
                ],
            })
        }
        ConfirmationSubject::MailItem => {
            let m = mail_item::Entity::find_by_id(id).one(db).await?.ok_or(Error::NotFound)?;
            let customer = recipient(db, m.unit_id, std::slice::from_ref(&m), cx).await?;
            let mut args = vec![
                ("kind", Arg::Key(format!("confirmation.mail_kind.{}", m.kind.as_str()))),
                ("received", Arg::Time(m.received_at)),
            ];
            let shelf = m.shelf.trim();
            if !shelf.is_empty() {
                args.push(("shelf", Arg::Text(shelf.to_owned())));
            }
            Ok(Facts {
                customer,
                name: m.addressee.clone(),
                language: String::new(),
                unit_id: Some(m.unit_id),
                case_id: None,
                work_order_id: None,
                statement_id: None,
                mail_item_id: Some(m.id),
                reference: format!("#{}", m.id),
                key: if shelf.is_empty() { "mail_item_no_shelf" } else { "mail_item" },
                args,
            })
        }
    }
}

fn offset_of(minutes: i32) -> Result<FixedOffset> {
    FixedOffset::east_opt(minutes.clamp(-14 * 60, 14 * 60) * 60)
        .ok_or_else(|| Error::field("utc_offset_minutes", "validation.malformed"))
}

fn render(arg: &Arg, lang: &str, offset: FixedOffset) -> String {
    match arg {
        Arg::Text(s) => s.clone(),
        Arg::Time(t) => {
            let local = t.with_timezone(&offset);
            format!("{} {}", format::date(local.date_naive(), lang), local.format("%H:%M"))
        }
        Arg::Month(m) => match NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d") {
            Ok(first) => format::month(first, lang),
            Err(_) => m.clone(),
        },
        Arg::Money(cents, currency) => format::money(*cents, currency, lang),
        Arg::Key(k) => t!(k.as_str(), locale = lang).into_owned(),
    }
}

/// Fills `%{name}` placeholders, so one catalog string carries every argument it needs.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("%{{{name}}}"), value);
    }
    out
}

async fn build(
    cx: &Cx,
    subject: ConfirmationSubject,
    id: i32,
    utc_offset_minutes: i32,
) -> Result<(Confirmation, Facts)> {
    let actor = cx.actor()?;
    if !actor.can(permission_for(subject)) {
        return cx.refuse().await;
    }
    let offset = offset_of(utc_offset_minutes)?;
    let f = facts(cx, subject, id).await?;
    let requested = match &f.customer {
        Some(c) => c.preferred_language.clone(),
        None if !f.language.is_empty() => f.language.clone(),
        None => cx.locale().to_owned(),
    };
    let lang = locales::resolve(&requested);
    let fell_back = lang != requested;
    let name = f.customer.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| f.name.clone());
    let unit = match f.unit_id {
        Some(u) => unit_labels(&cx.db, vec![u]).await?.remove(&u).unwrap_or_default(),
        None => String::new(),
    };
    let mut args: Vec<(&str, String)> = f.args.iter().map(|(k, a)| (*k, render(a, &lang, offset))).collect();
    let greeting_name =
        if name.trim().is_empty() { t!("confirmation.customer", locale = &lang).into_owned() } else { name.clone() };
    args.push(("name", greeting_name));
    args.push(("unit", unit));
    let body = fill(&t!(format!("confirmation.{}", f.key), locale = &lang), &args);
    let office = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let text = if office.trim().is_empty() {
        body
    } else {
        format!("{}{body}", fill(&t!("confirmation.from", locale = &lang), &[("office", office)]))
    };
    let out = Confirmation {
        subject,
        id,
        customer_id: f.customer.as_ref().map(|c| c.id),
        customer_name: name,
        language: lang,
        fell_back,
        requested_language: requested,
        reference: f.reference.clone(),
        text,
    };
    Ok((out, f))
}

pub async fn get(cx: Cx, input: ConfirmationGet) -> Result<Confirmation> {
    Ok(build(&cx, input.subject, input.id, input.utc_offset_minutes).await?.0)
}

/// The confirmation on one page, in its language, through the print path.
pub async fn print(cx: Cx, input: ConfirmationGet) -> Result<Document> {
    let (c, _) = build(&cx, input.subject, input.id, input.utc_offset_minutes).await?;
    let offset = offset_of(input.utc_offset_minutes)?;
    let lang = c.language.clone();
    let l = |key: &str| t!(format!("print.confirmation.{key}"), locale = &lang).into_owned();
    let printed = cx.now.with_timezone(&offset);
    let office = property::Entity::find().one(&cx.db).await?.map(|p| p.name).unwrap_or_default();
    let mut blocks = Vec::new();
    if !office.is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: office.clone(),
            size: TextSize::Large,
            bold: false,
            align: Align::Center,
        }));
    }
    blocks.push(Block::Title(l("title")));
    blocks.push(Block::Fields(Fields {
        columns: 2,
        items: vec![
            Field::new(l("customer"), &c.customer_name),
            Field::new(l("reference"), &c.reference),
            Field::new(
                l("printed_at"),
                format!("{} {}", format::date(printed.date_naive(), &lang), printed.format("%H:%M")),
            ),
        ],
    }));
    blocks.push(Block::Space(6.0));
    blocks.push(Block::Paragraph(Paragraph { text: c.text.clone(), size: TextSize::Large, ..Default::default() }));
    let title = format!("{} {}", l("title"), c.reference);
    let doc = print::Document {
        paper: Paper::A4,
        language: lang.clone(),
        title: title.clone(),
        running_header: None,
        page_numbers: None,
        blocks,
    };
    let pdf = print::render(&doc).map_err(|e| Error::Internal(format!("confirmation: {e}")))?;
    let reference: String = c.reference.chars().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-').collect();
    Ok(Document {
        file_name: format!("confirmation-{}-{reference}-{}.pdf", c.subject.as_str(), printed.format("%Y%m%d-%H%M")),
        mime: "application/pdf".into(),
        base64: base64_encode(&pdf),
    })
}

/// Records that the confirmation reached the customer (printed, sent by SMS…): a
/// contact of kind confirmation with the text, on the customer's timeline.
pub async fn given(cx: Cx, input: ConfirmationGiven) -> Result<ContactRow> {
    let actor = cx.actor()?;
    let (c, f) = build(&cx, input.subject, input.id, input.utc_offset_minutes).await?;
    let customer_id = c.customer_id.ok_or_else(|| Error::field("id", "validation.confirmation_no_customer"))?;
    let mut new = NewContact::new(
        customer_id,
        ContactKind::Confirmation,
        ContactDirection::Out,
        &c.language,
        &c.text,
        actor.id(),
        cx.now,
    );
    new.channel = Some(input.channel);
    new.unit_id = f.unit_id;
    new.case_id = f.case_id;
    new.work_order_id = f.work_order_id;
    new.statement_id = f.statement_id;
    new.mail_item_id = f.mail_item_id;
    let txn = db::begin_write(&cx.db).await?;
    let row = super::insert_one(&txn, new, cx.now).await?;
    txn.commit().await?;
    contact_rows(&cx.db, vec![row]).await?.pop().ok_or(Error::NotFound)
}
