//! The pickup code as a Code 128 barcode (set C: pairs of digits), drawn by the
//! order page as SVG bars, so a pickup point's scanner reads it off the screen.

/// The 107 symbols of Code 128 (ISO/IEC 15417): widths of bar, space, bar, space,
/// bar, space in modules; 105 is Start C, 106 Stop (seven elements).
const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];
const START_C: usize = 105;
const STOP: usize = 106;

/// The widths (bar first, alternating with spaces) of `digits` in Code 128 set C:
/// start, a symbol per pair, the check symbol, stop. None unless an even number of
/// digits.
pub fn code128c(digits: &str) -> Option<Vec<u8>> {
    let b = digits.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(2) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let values: Vec<usize> = b
        .chunks(2)
        .map(|p| usize::from(p[0] - b'0') * 10 + usize::from(p[1] - b'0'))
        .collect();
    let check = (START_C
        + values
            .iter()
            .enumerate()
            .map(|(i, v)| (i + 1) * v)
            .sum::<usize>())
        % 103;
    let symbols = std::iter::once(START_C).chain(values).chain([check, STOP]);
    Some(
        symbols
            .flat_map(|s| PATTERNS[s].bytes().map(|w| w - b'0'))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_eleven_modules_and_the_stop_thirteen() {
        for (i, p) in PATTERNS.iter().enumerate() {
            let sum: u32 = p.bytes().map(|b| u32::from(b - b'0')).sum();
            assert_eq!(sum, if i == STOP { 13 } else { 11 }, "symbol {i}");
        }
    }

    #[test]
    fn a_pickup_code_is_start_four_pairs_check_and_stop() {
        let w = code128c("37382456").unwrap();
        // Start C, 4 symbols, check: 6 elements each; stop: 7.
        assert_eq!(w.len(), 6 * 6 + 7);
        assert_eq!(w.iter().map(|&x| u32::from(x)).sum::<u32>(), 6 * 11 + 13);
        assert_eq!(&w[..6], &[2, 1, 1, 2, 3, 2]);
        // 105 + 37·1 + 38·2 + 24·3 + 56·4 = 514; 514 mod 103 = 102.
        assert_eq!(&w[30..36], &[4, 1, 1, 1, 3, 1]);
        assert_eq!(code128c("1234567"), None);
        assert_eq!(code128c("12a4"), None);
    }
}
