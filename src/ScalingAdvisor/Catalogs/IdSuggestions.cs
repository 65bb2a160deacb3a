namespace ScalingAdvisor.Catalogs;

/// <summary>
/// "Did you mean …?" for an id that names no catalog entry: one rule for models, hardware, laws and regions.
/// </summary>
/// <remarks>
/// Implementation note: ids are compared after dropping case and the separators <c>- _ . space</c>, so
/// <c>llama2-7b</c> is <c>llama-2-7b</c>. Then an id that is the start of an entry's id wins
/// (<c>h100</c> → <c>h100-sxm</c>, the first such entry in catalog order; edit distance alone would say <c>h200</c>),
/// then the entry at the smallest Damerau–Levenshtein distance, if it is at most a third of the id's length
/// (at least 1), so that a word with nothing in common gets no suggestion.
/// </remarks>
public static class IdSuggestions
{
    /// <summary>The catalog id closest to <paramref name="unknown"/>, or null when none is close.</summary>
    /// <param name="unknown">The id that was not found.</param>
    /// <param name="ids">The catalog's ids, in catalog order (the order breaks ties).</param>
    /// <returns>The suggestion, or null.</returns>
    public static string? Closest(string? unknown, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        string key = Normalise(unknown);
        if (key.Length == 0)
        {
            return null;
        }

        string? prefixMatch = null;
        string? nearest = null;
        int nearestDistance = int.MaxValue;
        foreach (string id in ids)
        {
            string candidate = Normalise(id);
            if (candidate == key)
            {
                return id;
            }

            if (prefixMatch is null && candidate.StartsWith(key, StringComparison.Ordinal))
            {
                prefixMatch = id;
            }

            int distance = Distance(key, candidate);
            if (distance < nearestDistance)
            {
                nearest = id;
                nearestDistance = distance;
            }
        }

        if (prefixMatch is not null)
        {
            return prefixMatch;
        }

        return nearestDistance <= Math.Max(1, key.Length / 3) ? nearest : null;
    }

    /// <summary>
    /// The message for an unknown id: what it is, the suggestion when there is one, and the valid ids.
    /// </summary>
    /// <param name="kind">What the catalog holds, e.g. "model preset", "hardware", "law", "region".</param>
    /// <param name="unknown">The id that was not found.</param>
    /// <param name="ids">The catalog's ids, in catalog order.</param>
    /// <returns>The exception to throw, naming <paramref name="unknown"/> as its <see cref="UnknownIdException.Id"/>.</returns>
    public static UnknownIdException Unknown(string kind, string? unknown, IReadOnlyList<string> ids)
        => new(Message(kind, unknown, ids), unknown ?? "", Closest(unknown, ids));

    /// <summary>The text of <see cref="Unknown"/>'s message, e.g. for a parse-time validator.</summary>
    /// <param name="kind">What the catalog holds.</param>
    /// <param name="unknown">The id that was not found.</param>
    /// <param name="ids">The catalog's ids, in catalog order.</param>
    /// <returns>"Unknown law 'x'. Did you mean 'y'? Valid ids: …."</returns>
    public static string Message(string kind, string? unknown, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        string? suggestion = Closest(unknown, ids);
        string hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return $"Unknown {kind} '{unknown}'.{hint} Valid ids: {string.Join(", ", ids)}.";
    }

    private static string Normalise(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "";
        }

        var chars = new System.Text.StringBuilder(id.Length);
        foreach (char c in id.Trim())
        {
            if (c is not ('-' or '_' or '.' or ' '))
            {
                chars.Append(char.ToLowerInvariant(c));
            }
        }

        return chars.ToString();
    }

    // Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }
}
