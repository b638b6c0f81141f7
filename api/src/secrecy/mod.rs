//! Secrecy review before disclosure (保密审查制度, SR 1–13), the parts that know no workflow: the
//! automatic scan of a text and its official masks, the county's sensitive-word list kept by the
//! secrecy bureau, and the SR 7 checklist a reviewer answers. The disclosure module runs its items
//! through them; the applications module's replies may follow. The bureau's own records live here
//! too: the county's secrecy schedule, and leak incidents with the AC 6(4) lead each one raises.

pub mod checklist;
pub mod extract;
pub mod inspection;
pub mod leaks;
pub mod scan;
pub mod settings;
pub mod words;
