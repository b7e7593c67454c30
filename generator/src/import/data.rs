//! The data read out of a policy's blocks: dates and versions, labels,
//! trustees, contacts, remedies, registered files. The blocks themselves
//! stay as they are (the policy's published wording); these are the data.

use super::{contacts, dates, extract, remedies, trustees};
use crate::model::Policy;

/// Fills the policy's structured fields from its blocks.
pub fn fill(policy: &mut Policy, warnings: &mut Vec<String>) {
    dates::fill(policy);
    policy.labels = extract::labels(&policy.preamble);
    policy.trustees = trustees::trustees(policy);
    if policy.trustees.is_empty() {
        policy.trustee_reference = trustees::reference(policy);
    }
    policy.contacts = contacts::contacts(policy);
    policy.remedies = remedies::remedies(policy);
    (policy.files, policy.retention) = extract::files_and_retention(policy);
    if policy.contacts.is_empty() {
        warnings.push("no privacy officer or contact found".to_string());
    }
    for c in &policy.contacts {
        if c.phones.is_empty() && c.email.is_empty() {
            warnings.push(
                format!(
                    "contact without a phone or e-mail: {} {}",
                    c.department, c.name
                )
                .trim_end()
                .to_string(),
            );
        }
    }
}
