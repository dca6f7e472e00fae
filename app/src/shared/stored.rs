//! Enums stored in the database by name: `stored_names!` gives one `as_str` and
//! one `TryFrom<String>` from a single table of names.

/// A stored name that no variant has.
#[derive(Debug, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

macro_rules! stored_names_impl {
    ($ty:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::shared::stored::UnknownValue;
            fn try_from(s: String) -> Result<Self, $crate::shared::stored::UnknownValue> {
                match s.as_str() {
                    $($name => Ok(Self::$variant),)+
                    _ => Err($crate::shared::stored::UnknownValue(s)),
                }
            }
        }
    };
}

/// Gives an enum `as_str` and `TryFrom<String>` from a table of variant => name.
pub(crate) use stored_names_impl as stored_names;
