//! Bank card numbers.

/// Whether `digits` is a card number: 13 to 19 digits whose Luhn check digit
/// agrees (a typo, or a random run of digits, fails it).
pub fn luhn(digits: &str) -> bool {
    if !(13..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, x) if x > 9 => x - 9,
                (true, x) => x,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::luhn;

    #[test]
    fn card_numbers_pass_and_typos_and_other_lengths_do_not() {
        assert!(luhn("2200123456789019"));
        assert!(luhn("4276380012345679"));
        assert!(!luhn("2200123456789012"));
        assert!(!luhn("220012345679"));
        assert!(!luhn("42763800123456x9"));
    }
}
