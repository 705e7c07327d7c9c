//! Leasing referrals on SQLite and PostgreSQL: one open listing per unit (core check and
//! index), the referral pipeline (allowed and refused moves), matching ranks and reasons,
//! viewings, signing in one transaction (and a refused signing writing nothing), agency
//! commissions of both kinds, lease reminders at 90/60/30 days as of the call's date, the
//! owner's view, the listing sheet, who may do what, and the demo's leasing data.

use chrono::{Duration, NaiveDate};
use steward_core::api::run;
use steward_core::directory::occupancy::OccupancyAdd;
use steward_core::domain::*;
use steward_core::entities::{commission, customer, lease, listing, occupancy, prospect, referral, unit};
use steward_core::leasing::agencies::{AgencyGet, AgencyInput, AgencyQuery};
use steward_core::leasing::listings::{
    ListingCreate, ListingDetail, ListingGet, ListingInput, ListingQuery, ListingSetStatus, ListingTextInput,
};
use steward_core::leasing::matching::{MatchForListing, MatchForProspect};
use steward_core::leasing::prospects::{ProspectDetail, ProspectEdit, ProspectInput, ProspectQuery};
use steward_core::leasing::referrals::{
    CommissionPay, ReferralBoardQuery, ReferralCreate, ReferralDetail, ReferralMove, ReferralQuery, ReferralSign,
};
use steward_core::leasing::reminders::{LeasesOfOwner, LeasingRemindersQuery};
use steward_core::leasing::sheet::ListingSheet;
use steward_core::leasing::viewings::{ViewingQuery, ViewingRecord, ViewingSchedule};
use steward_core::sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use steward_core::{Cx, Error};
use steward_migrations::m20261127_000010_leasing as migration;

use crate::common::{Ctx, ctx};

struct Office {
    c: Ctx,
    manager: String,
    desk: String,
    leasing: String,
    engineer: String,
    /// Residential units with nobody on file and no listing yet, for the test's own listings.
    free_units: Vec<i32>,
    /// A demo owner, listing the units.
    owner_id: i32,
}

async fn office() -> Office {
    let c = ctx().await;
    let manager = c.manager(true).await;
    let desk = c.staff(&manager, "desk1", Role::Desk, Department::CustomerService).await;
    let leasing = c.staff(&manager, "lease1", Role::Leasing, Department::Leasing).await;
    let engineer = c.staff(&manager, "eng1", Role::Department, Department::Engineering).await;
    let listed: Vec<i32> = listing::Entity::find().all(&c.core.db).await.unwrap().iter().map(|l| l.unit_id).collect();
    let free_units: Vec<i32> = unit::Entity::find()
        .filter(unit::Column::Status.ne(UnitStatus::Occupied))
        .order_by_asc(unit::Column::Id)
        .all(&c.core.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .filter(|id| !listed.contains(id))
        .collect();
    assert!(free_units.len() >= 8, "the demo has units with nobody on file");
    let owner_id = occupancy::Entity::find()
        .filter(occupancy::Column::Role.eq(OccupancyRole::Owner))
        .order_by_desc(occupancy::Column::Id)
        .one(&c.core.db)
        .await
        .unwrap()
        .expect("a demo owner")
        .customer_id;
    Office { c, manager, desk, leasing, engineer, free_units, owner_id }
}

impl Office {
    fn cx(&self, token: &str) -> Cx {
        self.c.cx(Some(token))
    }

    fn today(&self) -> NaiveDate {
        self.c.now.date_naive()
    }

    fn listing_input(&self, unit_id: i32, rent: &str) -> ListingInput {
        ListingInput {
            unit_id,
            owner_id: self.owner_id,
            asking_rent: rent.into(),
            deposit_months: 2,
            deposit_terms: "押二付一".into(),
            available_from: self.today().to_string(),
            min_term_months: 12,
            rooms: 2,
            furnished: true,
            pets: false,
            parking: false,
            notes: String::new(),
            texts: vec![
                ListingTextInput {
                    language: "zh-CN".into(), title: "精装两房".into(), description: "近地铁".into()
                },
                ListingTextInput {
                    language: "ja".into(),
                    title: "家具付き2LDK".into(),
                    description: "駅まで徒歩5分".into(),
                },
            ],
        }
    }

    async fn listing(&self, unit_id: i32, rent: &str) -> ListingDetail {
        let input = ListingCreate { listing: self.listing_input(unit_id, rent), status: ListingStatus::Open };
        run::listing_create(self.cx(&self.leasing), input).await.expect("open listing")
    }

    fn prospect_input(&self, name: &str, budget_max: &str) -> ProspectInput {
        ProspectInput {
            name: name.into(),
            company: String::new(),
            phone: "+81 90 1234 5678".into(),
            email: "tanaka@example.jp".into(),
            preferred_language: "ja".into(),
            nationality: Some("jp".into()),
            budget_min: None,
            budget_max: Some(budget_max.into()),
            rooms_min: Some(2),
            area_min: None,
            move_in: Some((self.today() + Duration::days(10)).to_string()),
            term_months: Some(12),
            must_haves: vec![ListingFeature::Furnished],
            source: ProspectSource::WalkIn,
            agency_id: None,
            notes: String::new(),
            active: true,
        }
    }

    async fn prospect(&self, name: &str) -> ProspectDetail {
        run::prospect_create(self.cx(&self.leasing), self.prospect_input(name, "15000")).await.expect("prospect")
    }

    async fn agency(&self, kind: CommissionKind, value: &str) -> i32 {
        let input = AgencyInput {
            name: format!("中介 {value}"),
            contacts: "王经理".into(),
            phone: "021-5888 1234".into(),
            email: String::new(),
            commission_kind: kind,
            commission_value: value.into(),
            active: true,
            notes: String::new(),
        };
        run::agency_create(self.cx(&self.leasing), input).await.expect("agency").row.id
    }

    async fn referral(&self, listing_id: i32, prospect_id: i32, agency_id: Option<i32>) -> ReferralDetail {
        let input = ReferralCreate { listing_id, prospect_id, agency_id, note: String::new() };
        run::referral_create(self.cx(&self.leasing), input).await.expect("referral")
    }

    async fn move_to(
        &self,
        r: &ReferralDetail,
        to: ReferralStage,
        reason: Option<&str>,
    ) -> Result<ReferralDetail, Error> {
        let input = ReferralMove {
            id: r.row.id,
            version: r.row.version,
            to,
            reason: reason.map(str::to_owned),
            note: String::new(),
        };
        run::referral_move(self.cx(&self.leasing), input).await
    }

    /// A referral brought to the offer stage through the board.
    async fn at_offer(&self, listing_id: i32, prospect_id: i32, agency_id: Option<i32>) -> ReferralDetail {
        let mut r = self.referral(listing_id, prospect_id, agency_id).await;
        for to in [ReferralStage::ViewingScheduled, ReferralStage::Viewed, ReferralStage::Offer] {
            r = self.move_to(&r, to, None).await.expect("forward");
        }
        r
    }

    fn sign_input(&self, r: &ReferralDetail, starts: NaiveDate, ends: NaiveDate, rent: &str) -> ReferralSign {
        ReferralSign {
            id: r.row.id,
            version: r.row.version,
            listing_version: r.listing_version,
            prospect_version: r.prospect_version,
            starts_on: starts.to_string(),
            ends_on: ends.to_string(),
            monthly_rent: rent.into(),
            deposit: "24000".into(),
            payment_day: 5,
        }
    }
}

fn fields<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn pair(field: &str, key: &str) -> (String, String) {
    (field.to_owned(), key.to_owned())
}

#[tokio::test]
async fn the_leasing_vocabularies_agree_with_the_schema() {
    assert_eq!(ListingStatus::ALL, migration::LISTING_STATUSES);
    assert_eq!(CommissionKind::ALL, migration::COMMISSION_KINDS);
    assert_eq!(ProspectSource::ALL, migration::PROSPECT_SOURCES);
    assert_eq!(ReferralStage::ALL, migration::REFERRAL_STAGES);
    assert_eq!(ViewingStatus::ALL, migration::VIEWING_STATUSES);
}

#[tokio::test]
async fn a_unit_has_at_most_one_open_listing() {
    let o = office().await;
    let unit_id = o.free_units[0];
    let first = o.listing(unit_id, "12000").await;
    assert_eq!(first.row.status, ListingStatus::Open);
    assert_eq!(first.row.asking_rent, "12000.00");
    let again = ListingCreate { listing: o.listing_input(unit_id, "11000"), status: ListingStatus::Open };
    assert_eq!(
        fields(run::listing_create(o.cx(&o.leasing), again).await),
        vec![pair("unit_id", "validation.listing_open_exists")]
    );
    // A draft may wait beside it, but cannot open while the first is open.
    let draft = ListingCreate { listing: o.listing_input(unit_id, "11000"), status: ListingStatus::Draft };
    let draft = run::listing_create(o.cx(&o.leasing), draft).await.expect("draft beside an open listing");
    let open = ListingSetStatus { id: draft.row.id, version: draft.row.version, status: ListingStatus::Open };
    assert_eq!(
        fields(run::listing_set_status(o.cx(&o.manager), open.clone()).await),
        vec![pair("unit_id", "validation.listing_open_exists")]
    );
    // Let only by signing.
    let to_let = ListingSetStatus { id: first.row.id, version: first.row.version, status: ListingStatus::Let };
    assert_eq!(
        fields(run::listing_set_status(o.cx(&o.leasing), to_let).await),
        vec![pair("status", "validation.listing_let_by_signing")]
    );
    // The database refuses a second open listing even when the core check is bypassed.
    let row = listing::Entity::find_by_id(draft.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    let bypass =
        listing::ActiveModel { id: NotSet, status: Set(ListingStatus::Open), ..listing::ActiveModel::from(row) };
    assert!(bypass.insert(&o.c.core.db).await.is_err(), "the partial unique index holds");
    let withdraw = ListingSetStatus { id: first.row.id, version: first.row.version, status: ListingStatus::Withdrawn };
    run::listing_set_status(o.cx(&o.leasing), withdraw).await.expect("withdraw");
    let opened = run::listing_set_status(o.cx(&o.leasing), open).await.expect("now the draft opens");
    assert_eq!(opened.row.status, ListingStatus::Open);
    let history = &opened.history[0];
    assert_eq!(history.changes[0].field, "status");
    let page = run::listing_list(
        o.cx(&o.desk),
        ListingQuery {
            status: Some(ListingStatus::Open),
            unit_id: Some(unit_id),
            owner_id: None,
            page: 1,
            page_size: 20,
        },
    )
    .await
    .expect("the desk reads listings");
    assert_eq!(page.items.iter().map(|l| l.id).collect::<Vec<_>>(), vec![draft.row.id]);
    assert_eq!(page.items[0].title, "精装两房", "en has no text: the first language's title");
}

#[tokio::test]
async fn the_pipeline_moves_one_step_at_a_time_and_refuses_the_rest() {
    let o = office().await;
    let l = o.listing(o.free_units[0], "12000").await;
    let p = o.prospect("田中 健").await;
    let r = o.referral(l.row.id, p.row.id, None).await;
    assert_eq!(r.row.stage, ReferralStage::Referred);
    let twice = ReferralCreate { listing_id: l.row.id, prospect_id: p.row.id, agency_id: None, note: String::new() };
    assert_eq!(
        fields(run::referral_create(o.cx(&o.leasing), twice).await),
        vec![pair("prospect_id", "validation.referral_exists")]
    );
    assert_eq!(
        fields(o.move_to(&r, ReferralStage::Offer, None).await),
        vec![pair("stage", "validation.referral_stage_skip")]
    );
    assert_eq!(
        fields(o.move_to(&r, ReferralStage::Signed, None).await),
        vec![pair("stage", "validation.referral_sign_with_lease")]
    );
    assert_eq!(
        fields(o.move_to(&r, ReferralStage::Lost, None).await),
        vec![pair("stage", "validation.referral_reason_required")]
    );
    let r2 = o.move_to(&r, ReferralStage::ViewingScheduled, None).await.expect("one step forward");
    assert!(matches!(o.move_to(&r, ReferralStage::Viewed, None).await, Err(Error::Conflict)), "a stale version");
    assert_eq!(
        fields(o.move_to(&r2, ReferralStage::Referred, None).await),
        vec![pair("stage", "validation.referral_stage_back")]
    );
    // The refusal reads in the caller's language, so the board can say why it snapped back.
    let refused = o.move_to(&r2, ReferralStage::Referred, None).await.expect_err("refused").to_api("zh-CN");
    assert_eq!(refused.fields.expect("fields")["stage"], "validation.referral_stage_back");
    let lost = o.move_to(&r2, ReferralStage::Lost, Some("预算不够")).await.expect("lost with a reason");
    assert_eq!(lost.row.lost_reason.as_deref(), Some("预算不够"));
    assert_eq!(
        fields(o.move_to(&lost, ReferralStage::Viewed, None).await),
        vec![pair("stage", "validation.referral_closed")]
    );
    let stages: Vec<_> = lost.steps.iter().map(|s| (s.from, s.to)).collect();
    assert_eq!(
        stages,
        vec![
            (None, ReferralStage::Referred),
            (Some(ReferralStage::Referred), ReferralStage::ViewingScheduled),
            (Some(ReferralStage::ViewingScheduled), ReferralStage::Lost)
        ]
    );
    assert!(lost.steps.iter().all(|s| s.staff_name == "lease1"));
    // The board and the list see it.
    let board = run::referral_board(
        o.cx(&o.desk),
        ReferralBoardQuery { agency_id: None, listing_id: Some(l.row.id), per_stage: 5 },
    )
    .await
    .expect("board");
    let lost_col = board.columns.iter().find(|c| c.stage == ReferralStage::Lost).expect("lost column");
    assert_eq!((lost_col.count, lost_col.rows[0].id), (1, r.row.id));
    let q = ReferralQuery {
        stage: Some(ReferralStage::Lost),
        agency_id: None,
        listing_id: None,
        prospect_id: Some(p.row.id),
        page: 1,
        page_size: 10,
    };
    assert_eq!(run::referral_list(o.cx(&o.desk), q).await.expect("list").total, 1);
}

#[tokio::test]
async fn viewings_move_the_referral_and_fill_the_calendar() {
    let o = office().await;
    let l = o.listing(o.free_units[0], "12000").await;
    let p = o.prospect("田中 健").await;
    let r = o.referral(l.row.id, p.row.id, None).await;
    let starts = o.c.now + Duration::days(2);
    let input = ViewingSchedule {
        referral_id: r.row.id,
        starts_at: starts.to_rfc3339(),
        ends_at: (starts + Duration::minutes(30)).to_rfc3339(),
        staff_id: None,
        remind_at: Some((starts - Duration::hours(1)).to_rfc3339()),
        notes: "带钥匙".into(),
    };
    let d = run::viewing_schedule(o.cx(&o.leasing), input).await.expect("schedule");
    assert_eq!(d.row.stage, ReferralStage::ViewingScheduled);
    assert_eq!(d.viewings.len(), 1);
    let week = ViewingQuery {
        from: o.c.now.to_rfc3339(),
        to: (o.c.now + Duration::days(7)).to_rfc3339(),
        staff_id: None,
        include_cancelled: false,
    };
    let cal = run::viewing_list(o.cx(&o.desk), week).await.expect("calendar");
    let v = cal.iter().find(|v| v.referral_id == r.row.id).expect("in the week");
    assert_eq!((v.prospect_name.as_str(), v.staff_name.as_str(), v.remind_now), ("田中 健", "lease1", false));
    let done =
        run::viewing_record(o.cx(&o.leasing), ViewingRecord { id: v.id, version: v.version, notes: "很满意".into() })
            .await
            .expect("record");
    assert_eq!(done.row.stage, ReferralStage::Viewed);
    assert_eq!(done.viewings[0].status, ViewingStatus::Done);
    let again = ViewingRecord { id: v.id, version: done.viewings[0].version, notes: String::new() };
    assert_eq!(
        fields(run::viewing_record(o.cx(&o.leasing), again).await),
        vec![pair("id", "validation.viewing_not_scheduled")]
    );
}

#[tokio::test]
async fn matching_ranks_listings_and_prospects_with_reasons() {
    let o = office().await;
    let fits = o.listing(o.free_units[0], "12000").await;
    let dear = o.listing(o.free_units[1], "16000").await;
    let mut bare = o.listing_input(o.free_units[2], "11000");
    bare.furnished = false;
    bare.available_from = (o.today() + Duration::days(60)).to_string();
    let bare = run::listing_create(o.cx(&o.leasing), ListingCreate { listing: bare, status: ListingStatus::Open })
        .await
        .expect("listing");
    let p = o.prospect("田中 健").await;
    let matches = run::match_for_prospect(o.cx(&o.leasing), MatchForProspect { prospect_id: p.row.id, limit: 200 })
        .await
        .expect("match");
    let mine: Vec<_> =
        matches.iter().filter(|m| [fits.row.id, dear.row.id, bare.row.id].contains(&m.listing.id)).collect();
    assert_eq!(mine.iter().map(|m| m.listing.id).collect::<Vec<_>>(), vec![fits.row.id, dear.row.id, bare.row.id]);
    assert_eq!((mine[0].score, mine[0].reasons.len()), (100, 0));
    assert_eq!(mine[1].reasons.iter().map(|r| r.code).collect::<Vec<_>>(), vec![MatchReason::OverBudget]);
    assert_eq!(mine[1].reasons[0].text, "Over budget by 1000.00");
    let bare_codes: Vec<_> = mine[2].reasons.iter().map(|r| r.code).collect();
    assert!(bare_codes.contains(&MatchReason::MissingFurnished) && bare_codes.contains(&MatchReason::AvailableLate));
    assert!(mine[2].reasons.iter().any(|r| r.text == "Available 50 day(s) after the move-in date"));
    assert!(mine[0].score > mine[1].score && mine[1].score > mine[2].score);
    // For a listing: the prospect who fits first.
    let mut picky = o.prospect_input("Picky", "8000");
    picky.must_haves = vec![ListingFeature::Pets];
    let picky = run::prospect_create(o.cx(&o.leasing), picky).await.expect("prospect");
    let ranked = run::match_for_listing(o.cx(&o.desk), MatchForListing { listing_id: fits.row.id, limit: 200 })
        .await
        .expect("match");
    let pos = |id: i32| ranked.iter().position(|m| m.prospect.id == id).expect("ranked");
    assert!(pos(p.row.id) < pos(picky.row.id));
    let picky_codes: Vec<_> = ranked[pos(picky.row.id)].reasons.iter().map(|r| r.code).collect();
    assert_eq!(picky_codes, vec![MatchReason::OverBudget, MatchReason::MissingPets]);
}

async fn counts(o: &Office) -> (u64, u64, u64, u64) {
    let db = &o.c.core.db;
    (
        customer::Entity::find().count(db).await.unwrap(),
        occupancy::Entity::find().count(db).await.unwrap(),
        lease::Entity::find().count(db).await.unwrap(),
        commission::Entity::find().count(db).await.unwrap(),
    )
}

#[tokio::test]
async fn signing_makes_the_prospect_a_tenant_in_one_transaction() {
    let o = office().await;
    let agency = o.agency(CommissionKind::PercentOfRent, "50").await;
    let l = o.listing(o.free_units[0], "12345.67").await;
    let p = o.prospect("田中 健").await;
    let r = o.at_offer(l.row.id, p.row.id, Some(agency)).await;
    let before = counts(&o).await;
    let starts = o.today() + Duration::days(14);
    let signed =
        run::referral_sign(o.cx(&o.leasing), o.sign_input(&r, starts, starts + Duration::days(365), "12345.67"))
            .await
            .expect("sign");
    assert_eq!(signed.row.stage, ReferralStage::Signed);
    let lease = signed.lease.expect("lease");
    assert_eq!((lease.monthly_rent.as_str(), lease.payment_day, lease.unit_id), ("12345.67", 5, o.free_units[0]));
    // 50 % of 12,345.67 = 6,172.835 → 6,172.84, due when the lease starts.
    let c = signed.commission.expect("commission");
    assert_eq!((c.amount.as_str(), c.due_on.clone(), c.paid_on.clone()), ("6172.84", starts.to_string(), None));
    let after = counts(&o).await;
    assert_eq!(after, (before.0 + 1, before.1 + 1, before.2 + 1, before.3 + 1));
    let tenant = customer::Entity::find_by_id(lease.customer_id).one(&o.c.core.db).await.unwrap().unwrap();
    assert_eq!(
        (tenant.name.as_str(), tenant.preferred_language.as_str(), tenant.nationality.as_deref()),
        ("田中 健", "ja", Some("JP"))
    );
    let occ = occupancy::Entity::find()
        .filter(occupancy::Column::CustomerId.eq(tenant.id))
        .one(&o.c.core.db)
        .await
        .unwrap()
        .expect("occupancy");
    assert_eq!((occ.unit_id, occ.role, occ.start_date), (o.free_units[0], OccupancyRole::Tenant, starts));
    let u = unit::Entity::find_by_id(o.free_units[0]).one(&o.c.core.db).await.unwrap().unwrap();
    assert_eq!(u.status, UnitStatus::Occupied);
    let l2 = run::listing_get(o.cx(&o.desk), ListingGet { id: l.row.id }).await.expect("listing");
    assert_eq!(l2.row.status, ListingStatus::Let);
    let p2 = prospect::Entity::find_by_id(p.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    assert_eq!(p2.customer_id, Some(tenant.id));
    // The tenant is found in the customer list like anyone the desk registered.
    let q = steward_core::directory::customers::CustomerQuery {
        search: Some("田中".into()),
        kind: None,
        language: Some("ja".into()),
        vip: None,
        page: 1,
        page_size: 20,
    };
    let found = run::customer_list(o.cx(&o.desk), q).await.expect("customers");
    assert!(found.items.iter().any(|c| c.id == tenant.id));
    // The agency's performance and paying its commission.
    let perf = run::agency_get(o.cx(&o.desk), AgencyGet { id: agency }).await.expect("agency").performance;
    assert_eq!(
        (perf.referrals, perf.signed, perf.commission_due.as_str(), perf.commission_paid.as_str()),
        (1, 1, "6172.84", "0.00")
    );
    let pay = CommissionPay { id: c.id, version: c.version, paid_on: starts.to_string(), amount: "6172.84".into() };
    let paid = run::commission_pay(o.cx(&o.leasing), pay.clone()).await.expect("pay");
    assert_eq!(paid.paid.as_deref(), Some("6172.84"));
    assert_eq!(
        fields(run::commission_pay(o.cx(&o.leasing), pay).await),
        vec![pair("id", "validation.commission_already_paid")]
    );
    let perf = run::agency_get(o.cx(&o.desk), AgencyGet { id: agency }).await.expect("agency").performance;
    assert_eq!((perf.commission_due.as_str(), perf.commission_paid.as_str()), ("0.00", "6172.84"));
}

#[tokio::test]
async fn a_fixed_commission_is_the_fixed_sum_and_a_direct_referral_earns_none() {
    let o = office().await;
    let fixed = o.agency(CommissionKind::Fixed, "3000").await;
    let p = o.prospect("Emily Clark").await;
    let l = o.listing(o.free_units[0], "9800").await;
    let r = o.at_offer(l.row.id, p.row.id, Some(fixed)).await;
    let starts = o.today() + Duration::days(3);
    let signed = run::referral_sign(o.cx(&o.leasing), o.sign_input(&r, starts, starts + Duration::days(180), "9800"))
        .await
        .expect("sign");
    assert_eq!(signed.commission.expect("commission").amount, "3000.00");
    let q = run::agency_list(
        o.cx(&o.desk),
        AgencyQuery { search: Some("3000".into()), include_inactive: false, page: 1, page_size: 10 },
    )
    .await
    .expect("agencies");
    assert_eq!((q.items[0].commission_kind, q.items[0].commission_value.as_str()), (CommissionKind::Fixed, "3000.00"));
    let p2 = o.prospect("王磊").await;
    let l2 = o.listing(o.free_units[1], "9000").await;
    let r2 = o.at_offer(l2.row.id, p2.row.id, None).await;
    let signed = run::referral_sign(o.cx(&o.manager), o.sign_input(&r2, starts, starts + Duration::days(180), "9000"))
        .await
        .expect("sign");
    assert!(signed.commission.is_none());
}

#[tokio::test]
async fn a_refused_signing_writes_nothing() {
    let o = office().await;
    let agency = o.agency(CommissionKind::PercentOfRent, "100").await;
    let unit_id = o.free_units[0];
    let l = o.listing(unit_id, "12000").await;
    let p = o.prospect("田中 健").await;
    let r = o.at_offer(l.row.id, p.row.id, Some(agency)).await;
    // Someone still rents the unit until further notice.
    let sitting = customer::Entity::find().order_by_asc(customer::Column::Id).one(&o.c.core.db).await.unwrap().unwrap();
    let add = OccupancyAdd {
        customer_id: sitting.id,
        unit_id,
        role: OccupancyRole::Tenant,
        start_date: (o.today() - Duration::days(200)).to_string(),
    };
    run::occupancy_add(o.cx(&o.manager), add).await.expect("a sitting tenant");
    let before = counts(&o).await;
    let unit_before = unit::Entity::find_by_id(unit_id).one(&o.c.core.db).await.unwrap().unwrap();
    let listing_before = listing::Entity::find_by_id(l.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    let prospect_before = prospect::Entity::find_by_id(p.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    let referral_before = referral::Entity::find_by_id(r.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    let starts = o.today() + Duration::days(14);
    let refused =
        run::referral_sign(o.cx(&o.leasing), o.sign_input(&r, starts, starts + Duration::days(365), "12000")).await;
    assert_eq!(fields(refused), vec![pair("starts_on", "validation.unit_has_tenant")]);
    let untouched = || async {
        assert_eq!(counts(&o).await, before, "no customer, occupancy, lease or commission");
        assert_eq!(unit::Entity::find_by_id(unit_id).one(&o.c.core.db).await.unwrap().unwrap(), unit_before);
        assert_eq!(listing::Entity::find_by_id(l.row.id).one(&o.c.core.db).await.unwrap().unwrap(), listing_before);
        assert_eq!(prospect::Entity::find_by_id(p.row.id).one(&o.c.core.db).await.unwrap().unwrap(), prospect_before);
        assert_eq!(referral::Entity::find_by_id(r.row.id).one(&o.c.core.db).await.unwrap().unwrap(), referral_before);
    };
    untouched().await;
    // A party changed meanwhile: the prospect was edited after the form was opened.
    let other = o.listing(o.free_units[1], "12000").await;
    let r2 = o.at_offer(other.row.id, p.row.id, Some(agency)).await;
    let edit = ProspectEdit { id: p.row.id, version: p.row.version, prospect: o.prospect_input("田中 健", "16000") };
    run::prospect_edit(o.cx(&o.leasing), edit).await.expect("edit");
    let before = counts(&o).await;
    let stale =
        run::referral_sign(o.cx(&o.leasing), o.sign_input(&r2, starts, starts + Duration::days(365), "12000")).await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
    assert_eq!(counts(&o).await, before);
    let other_after = listing::Entity::find_by_id(other.row.id).one(&o.c.core.db).await.unwrap().unwrap();
    assert_eq!((other_after.status, other_after.version), (ListingStatus::Open, other.row.version));
}

#[tokio::test]
async fn lease_reminders_fall_at_90_60_30_days_as_of_the_date_given() {
    let o = office().await;
    let today = o.today();
    let mut leases = Vec::new();
    for (i, days) in [25_i64, 50, 80, 120].into_iter().enumerate() {
        let l = o.listing(o.free_units[i], "10000").await;
        let p = o.prospect(&format!("租客{i}")).await;
        let r = o.at_offer(l.row.id, p.row.id, None).await;
        let s = o.sign_input(&r, today - Duration::days(300), today + Duration::days(days), "10000");
        leases.push(run::referral_sign(o.cx(&o.leasing), s).await.expect("sign").lease.expect("lease").id);
    }
    let rem = run::leasing_reminders(o.cx(&o.desk), LeasingRemindersQuery { date: None }).await.expect("reminders");
    assert_eq!(rem.as_of, today.to_string());
    // The demo's own lease (ending in about 60 days) aside.
    let kinds: Vec<_> =
        rem.leases.iter().filter(|r| leases.contains(&r.lease.id)).map(|r| (r.lease.id, r.kind, r.days_left)).collect();
    assert_eq!(
        kinds,
        vec![
            (leases[0], Some(LeasingReminderKind::LeaseEnding30), 25),
            (leases[1], Some(LeasingReminderKind::LeaseEnding60), 50),
            (leases[2], Some(LeasingReminderKind::LeaseEnding90), 80),
        ]
    );
    assert!(rem.leases[0].text.starts_with("Lease ends in 25 day(s)"), "{}", rem.leases[0].text);
    // Forty days later the 80-day lease is within 60 and the 120-day one within 90.
    let later = (today + Duration::days(40)).to_string();
    let rem = run::leasing_reminders(o.cx(&o.leasing), LeasingRemindersQuery { date: Some(later.clone()) })
        .await
        .expect("reminders");
    let kinds: Vec<_> =
        rem.leases.iter().filter(|r| leases.contains(&r.lease.id)).map(|r| (r.lease.id, r.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (leases[1], Some(LeasingReminderKind::LeaseEnding30)),
            (leases[2], Some(LeasingReminderKind::LeaseEnding60)),
            (leases[3], Some(LeasingReminderKind::LeaseEnding90)),
        ]
    );
    // The owner's page: every lease of their units not yet ended, soonest first.
    let mine = run::leases_of_owner(o.cx(&o.desk), LeasesOfOwner { customer_id: o.owner_id, date: None })
        .await
        .expect("owner");
    assert_eq!(mine.leases.iter().map(|l| l.lease.id).collect::<Vec<_>>(), leases);
    assert_eq!(mine.leases[3].kind, None);
}

#[tokio::test]
async fn the_listing_sheet_prints_in_the_chosen_language() {
    let o = office().await;
    let l = o.listing(o.free_units[0], "12000").await;
    for language in ["ja", "zh-CN", "en"] {
        let doc = run::listing_sheet(o.cx(&o.desk), ListingSheet { id: l.row.id, language: language.into() })
            .await
            .expect("sheet");
        assert_eq!(doc.mime, "application/pdf");
        assert!(doc.base64.starts_with("JVBERi0"), "a PDF");
        assert_eq!(doc.file_name, format!("listing-{}-{language}.pdf", l.row.id));
        if std::process::Command::new("pdftotext").arg("-v").output().is_ok() {
            let bytes = steward_core::desk::attachments::base64_decode(&doc.base64).expect("base64");
            let path = o.c.dir.join(format!("sheet-{language}.pdf"));
            std::fs::write(&path, bytes).expect("write");
            let out = std::process::Command::new("pdftotext")
                .args(["-raw", "-enc", "UTF-8"])
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext");
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            let expected = match language {
                "ja" => "家具付き2LDK",
                _ => "精装两房",
            };
            assert!(text.contains(expected), "{language}: {text}");
            if language == "zh-CN" {
                assert!(text.contains("月租金") && text.contains("近地铁"), "{text}");
            }
        }
    }
    let bad = ListingSheet { id: l.row.id, language: "xx".into() };
    assert_eq!(fields(run::listing_sheet(o.cx(&o.desk), bad).await), vec![pair("language", "validation.language")]);
}

#[tokio::test]
async fn only_the_leasing_desk_and_managers_change_leasing_records() {
    let o = office().await;
    let forbidden = |r: Result<_, Error>| matches!(r, Err(Error::Forbidden(_)));
    let q = || ListingQuery { status: None, unit_id: None, owner_id: None, page: 1, page_size: 10 };
    // Department staff see nothing of leasing.
    assert!(forbidden(run::listing_list(o.cx(&o.engineer), q()).await.map(|_| ())));
    assert!(forbidden(
        run::prospect_list(
            o.cx(&o.engineer),
            ProspectQuery {
                search: None,
                source: None,
                agency_id: None,
                include_inactive: false,
                page: 1,
                page_size: 10
            }
        )
        .await
        .map(|_| ())
    ));
    assert!(forbidden(
        run::leasing_reminders(o.cx(&o.engineer), LeasingRemindersQuery { date: None }).await.map(|_| ())
    ));
    let create = || ListingCreate { listing: o.listing_input(o.free_units[0], "12000"), status: ListingStatus::Open };
    assert!(forbidden(run::listing_create(o.cx(&o.engineer), create()).await.map(|_| ())));
    // The desk reads but does not write.
    assert!(run::listing_list(o.cx(&o.desk), q()).await.is_ok());
    assert!(forbidden(run::listing_create(o.cx(&o.desk), create()).await.map(|_| ())));
    assert!(forbidden(run::prospect_create(o.cx(&o.desk), o.prospect_input("x", "1")).await.map(|_| ())));
    // Leasing staff and managers write.
    let l = run::listing_create(o.cx(&o.leasing), create()).await.expect("leasing writes");
    let withdraw = ListingSetStatus { id: l.row.id, version: l.row.version, status: ListingStatus::Withdrawn };
    run::listing_set_status(o.cx(&o.manager), withdraw).await.expect("the manager writes");
    run::prospect_create(o.cx(&o.manager), o.prospect_input("x", "1")).await.expect("the manager writes");
}

#[tokio::test]
async fn the_demo_has_agencies_open_listings_and_a_japanese_speaking_prospect() {
    let o = office().await;
    let agencies =
        run::agency_list(o.cx(&o.desk), AgencyQuery { search: None, include_inactive: false, page: 1, page_size: 10 })
            .await
            .expect("agencies");
    assert_eq!(agencies.total, 2);
    let open = run::listing_list(
        o.cx(&o.desk),
        ListingQuery { status: Some(ListingStatus::Open), unit_id: None, owner_id: None, page: 1, page_size: 10 },
    )
    .await
    .expect("listings");
    assert_eq!(open.total, 3);
    let prospects = run::prospect_list(
        o.cx(&o.desk),
        ProspectQuery { search: None, source: None, agency_id: None, include_inactive: false, page: 1, page_size: 10 },
    )
    .await
    .expect("prospects");
    let ja = prospects.items.iter().find(|p| p.preferred_language == "ja").expect("a Japanese-speaking prospect");
    let matches =
        run::match_for_prospect(o.cx(&o.desk), MatchForProspect { prospect_id: ja.id, limit: 5 }).await.expect("match");
    assert_eq!(matches[0].score, 100, "the demo's first listing fits them");
    let refs = run::referral_list(
        o.cx(&o.desk),
        ReferralQuery {
            stage: None,
            agency_id: None,
            listing_id: None,
            prospect_id: Some(ja.id),
            page: 1,
            page_size: 10,
        },
    )
    .await
    .expect("referrals");
    assert_eq!(refs.items[0].stage, ReferralStage::ViewingScheduled);
    assert!(refs.items[0].next_viewing.is_some());
}

#[tokio::test]
async fn listing_photos_are_kept_in_order_and_only_images() {
    use steward_core::desk::attachments::base64_encode;
    use steward_core::leasing::listings::{ListingPhotoAdd, ListingPhotoGet, ListingPhotoRemove};
    let o = office().await;
    let l = o.listing(o.free_units[0], "12000").await;
    let add = |name: &str, mime: &str, bytes: &[u8]| ListingPhotoAdd {
        listing_id: l.row.id,
        file_name: name.into(),
        mime: mime.into(),
        content_base64: base64_encode(bytes),
    };
    run::listing_photo_add(o.cx(&o.leasing), add("living.jpg", "image/jpeg", b"\xff\xd8jpeg")).await.expect("photo");
    let d = run::listing_photo_add(o.cx(&o.leasing), add("kitchen.png", "image/png", b"\x89PNG")).await.expect("photo");
    let names: Vec<_> = d.photos.iter().map(|p| (p.position, p.file_name.as_str())).collect();
    assert_eq!(names, vec![(1, "living.jpg"), (2, "kitchen.png")]);
    let bad = run::listing_photo_add(o.cx(&o.leasing), add("notes.txt", "text/plain", b"hi")).await;
    assert_eq!(fields(bad), vec![pair("mime", "validation.not_an_image")]);
    let file = run::listing_photo_get(o.cx(&o.desk), ListingPhotoGet { photo_id: d.photos[1].id }).await.expect("file");
    assert_eq!(file.content_base64, base64_encode(b"\x89PNG"));
    let d = run::listing_photo_remove(
        o.cx(&o.leasing),
        ListingPhotoRemove { listing_id: l.row.id, photo_id: d.photos[0].id },
    )
    .await
    .expect("remove");
    assert_eq!(d.photos.iter().map(|p| p.file_name.as_str()).collect::<Vec<_>>(), vec!["kitchen.png"]);
    assert!(
        d.history
            .iter()
            .any(|h| h.changes.iter().any(|c| c.field == "photo" && c.old.as_deref() == Some("living.jpg")))
    );
}
