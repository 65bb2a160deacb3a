using System.Globalization;
using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// How many terminal columns a string takes in the table view. Names come from users' files (a hardware file may
/// name a device in Chinese or Japanese), so this follows what terminals do (the <c>wcwidth</c> convention): East
/// Asian Wide and Fullwidth characters (Unicode Standard Annex #11, <c>EastAsianWidth.txt</c> W and F) take two
/// columns; combining and enclosing marks, format characters (zero-width joiner, zero-width space, BOM), Hangul medial
/// and final jamo and control characters take none; everything else one. A surrogate pair is one character.
/// </summary>
/// <remarks>
/// Implementation note: written on <see cref="Rune"/> and its Unicode categories with the wide ranges below copied
/// from <c>EastAsianWidth.txt</c> (Unicode 15.1, grouped into blocks where a block is wide throughout), rather than a
/// package: the ranges are short and stable, and the CLI's start-up budget has no room for another assembly.
/// Ambiguous-width characters (A: <c>·</c>, <c>—</c>, box drawing) count one, as terminals outside CJK locales show them.
/// </remarks>
internal static class DisplayWidth
{
    /// <summary>The columns <paramref name="text"/> takes on a terminal.</summary>
    public static int Of(string text)
    {
        int width = 0;
        bool simple = true;
        foreach (char c in text)
        {
            if (c >= '\u0300' || c < ' ')
            {
                simple = false;
                break;
            }
        }

        if (simple) return text.Length;

        foreach (Rune rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    /// <summary>The columns one character takes: 0, 1 or 2.</summary>
    public static int Of(Rune rune)
    {
        int v = rune.Value;
        if (v < 0x300) return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1;
        if (v is >= 0x1160 and <= 0x11FF) return 0;
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
            case UnicodeCategory.Control:
                return 0;
        }

        return IsWide(v) ? 2 : 1;
    }

    /// <summary>East Asian Wide (W) or Fullwidth (F), from UAX #11's data file.</summary>
    private static bool IsWide(int v) => v switch
    {
        >= 0x1100 and <= 0x115F => true,           // Hangul Jamo initial consonants
        0x231A or 0x231B or 0x2329 or 0x232A => true,
        >= 0x23E9 and <= 0x23EC => true,
        0x23F0 or 0x23F3 or 0x25FD or 0x25FE => true,
        0x2614 or 0x2615 => true,
        >= 0x2648 and <= 0x2653 => true,
        0x267F or 0x2693 or 0x26A1 or 0x26AA or 0x26AB or 0x26BD or 0x26BE or 0x26C4 or 0x26C5 or 0x26CE or 0x26D4 => true,
        0x26EA or 0x26F2 or 0x26F3 or 0x26F5 or 0x26FA or 0x26FD or 0x2705 or 0x270A or 0x270B or 0x2728 or 0x274C => true,
        0x274E or 0x2753 or 0x2754 or 0x2755 or 0x2757 or 0x2795 or 0x2796 or 0x2797 or 0x27B0 or 0x27BF => true,
        0x2B1B or 0x2B1C or 0x2B50 or 0x2B55 => true,
        >= 0x2E80 and <= 0x303E => true,           // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        >= 0x3041 and <= 0x33FF => true,           // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, Kanbun, CJK strokes, enclosed, compatibility
        >= 0x3400 and <= 0x4DBF => true,           // CJK Unified Ideographs Extension A
        >= 0x4E00 and <= 0x9FFF => true,           // CJK Unified Ideographs
        >= 0xA000 and <= 0xA4CF => true,           // Yi
        >= 0xA960 and <= 0xA97F => true,           // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7A3 => true,           // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,           // CJK compatibility ideographs
        >= 0xFE10 and <= 0xFE19 => true,           // vertical forms
        >= 0xFE30 and <= 0xFE6F => true,           // CJK compatibility forms, small form variants
        >= 0xFF00 and <= 0xFF60 => true,           // fullwidth forms
        >= 0xFFE0 and <= 0xFFE6 => true,
        >= 0x16FE0 and <= 0x16FE4 => true,
        >= 0x17000 and <= 0x18CFF => true,         // Tangut, Khitan
        >= 0x1AFF0 and <= 0x1B2FF => true,         // Kana supplement and extensions, Nushu
        0x1F004 or 0x1F0CF or 0x1F18E => true,
        >= 0x1F191 and <= 0x1F19A => true,
        >= 0x1F200 and <= 0x1F251 => true,         // enclosed ideographic supplement
        >= 0x1F300 and <= 0x1F64F => true,         // pictographs and emoticons (emoji presentation)
        >= 0x1F680 and <= 0x1F6FF => true,         // transport and map symbols
        >= 0x1F7E0 and <= 0x1F7EB => true,
        >= 0x1F90C and <= 0x1F9FF => true,         // supplemental symbols and pictographs
        >= 0x1FA70 and <= 0x1FAFF => true,
        >= 0x20000 and <= 0x2FFFD => true,         // CJK Unified Ideographs Extensions B–F, compatibility supplement
        >= 0x30000 and <= 0x3FFFD => true,         // Extensions G–H
        _ => false,
    };
}
