//! Secrecy review before disclosure (保密审查制度, SR 1–13), the parts that know no workflow: the
//! automatic scan of a text and its official masks, the county's sensitive-word list kept by the
//! secrecy bureau, and the SR 7 checklist a reviewer answers. The disclosure module runs its items
//! through them; the applications module's replies may follow.

pub mod checklist;
pub mod scan;
pub mod words;
