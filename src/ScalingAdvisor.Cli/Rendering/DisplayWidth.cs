namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// How many terminal columns a string takes in the table view. Everything the tool prints is narrow text from
/// the Basic Multilingual Plane (letters, digits, <c>·</c>, <c>›</c>, <c>≈</c>, <c>—</c>, <c>•</c>, box drawing): no
/// East-Asian wide characters, combining marks or control characters occur, so one code point is one column.
/// A surrogate pair (outside the BMP) still counts once, so it is never split or measured as two.
/// </summary>
internal static class DisplayWidth
{
    /// <summary>The number of code points in <paramref name="text"/>: its width under the assumption above.</summary>
    public static int Of(string text)
    {
        int width = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i])) width++;
        }

        return width;
    }
}
