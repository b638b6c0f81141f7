//! Lists answer one page at a time: the query parameters and the page every list returns.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy, Deserialize, Validate, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 1_000_000, code = "range"))]
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// Items per page, 1–100 (default 20).
    #[validate(range(min = 1, max = 100, code = "range"))]
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
}

impl<T: ToSchema> Page<T> {
    /// Runs one page of a query and maps its rows to views.
    pub async fn fetch<E, M>(
        select: sea_orm::Select<E>,
        db: &impl sea_orm::ConnectionTrait,
        paging: Paging,
        view: impl FnMut(M) -> T,
    ) -> Result<Self, sea_orm::DbErr>
    where
        E: sea_orm::EntityTrait<Model = M>,
        M: sea_orm::FromQueryResult + Sized + Send + Sync,
    {
        let (rows, total) = paging.rows(select, db).await?;
        Ok(paging.page_of(rows.into_iter().map(view).collect(), total))
    }
}

impl Paging {
    /// One page of rows and the total, for lists whose views need more than one row each to build.
    pub async fn rows<E, M>(
        self,
        select: sea_orm::Select<E>,
        db: &impl sea_orm::ConnectionTrait,
    ) -> Result<(Vec<M>, u64), sea_orm::DbErr>
    where
        E: sea_orm::EntityTrait<Model = M>,
        M: sea_orm::FromQueryResult + Sized + Send + Sync,
    {
        use sea_orm::PaginatorTrait;
        let paginator = select.paginate(db, self.size());
        let total = paginator.num_items().await?;
        Ok((paginator.fetch_page(self.page() - 1).await?, total))
    }

    pub fn page_of<T: ToSchema>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page { items, total, page: self.page(), page_size: self.size() }
    }

    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1)
    }
    pub fn size(&self) -> u64 {
        self.page_size.unwrap_or(20).min(MAX_PAGE_SIZE)
    }
}

/// The year a yearly report covers (statistics, tables of the annual report, complaint figures).
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    #[validate(range(min = 2008, max = 2100, code = "range"))]
    #[param(minimum = 2008, maximum = 2100)]
    pub year: i32,
}

/// A list's query parameters with `page` and `page_size` appended, checked like [`Paging`]'s, and
/// `paging()` to read them. (`#[serde(flatten)]` cannot be used: query strings carry numbers as
/// text, which a flattened struct no longer parses.)
#[macro_export]
macro_rules! paged_query {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
            #[validate(range(min = 1, max = 1_000_000, code = "range"))]
            #[param(minimum = 1, maximum = 1_000_000)]
            pub page: Option<u64>,
            #[validate(range(min = 1, max = 100, code = "range"))]
            #[param(minimum = 1, maximum = 100)]
            pub page_size: Option<u64>,
        }

        impl $name {
            pub fn paging(&self) -> $crate::paging::Paging {
                $crate::paging::Paging { page: self.page, page_size: self.page_size }
            }
        }
    };
}
