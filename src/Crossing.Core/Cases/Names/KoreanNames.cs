namespace Crossing.Core.Cases.Names;

/// <summary>One possible reading of a full name: canonical phonetic keys of surname and given name.</summary>
public readonly record struct NameKey(string Surname, string Given);

/// <summary>Normalises Korean names written in Hangul or any romanisation so the same person is found under any spelling.</summary>
public static class KoreanNames
{
    public const int MaxLength = 200;

    /// <summary>
    /// All plausible (surname, given) readings of a name written in Hangul or any romanisation, either order,
    /// each folded to canonical phonetic keys.
    /// </summary>
    public static IReadOnlyList<NameKey> Keys(string fullName)
    {
        // Provisional implementation: the real folding replaces this without changing the signature.
        if (string.IsNullOrWhiteSpace(fullName) || fullName.Length > MaxLength * 50) return [];
        var tokens = fullName.ToLowerInvariant()
            .Split([' ', '-', '\t', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => new string(t.Where(char.IsLetter).ToArray()))
            .Where(t => t.Length > 0)
            .ToArray();
        if (tokens.Length == 0) return [];
        if (tokens.Length == 1) return [new NameKey("", tokens[0])];
        return
        [
            new NameKey(tokens[0], string.Concat(tokens.Skip(1))),
            new NameKey(tokens[^1], string.Concat(tokens.Take(tokens.Length - 1))),
        ];
    }

    /// <summary>Similarity in [0,1] of two full names after normalisation (best over readings).</summary>
    public static double Similarity(string a, string b)
    {
        var ka = Keys(a);
        var kb = Keys(b);
        return ka.Any(kb.Contains) ? 1.0 : 0.0;
    }

    /// <summary>Validates a name: returns null if acceptable, else a human-readable reason.</summary>
    public static string? Problem(string fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName)) return "The name is empty.";
        if (fullName.Length > MaxLength) return $"The name is longer than {MaxLength} characters.";
        if (fullName.Any(char.IsControl)) return "The name contains control characters.";
        if (!fullName.Any(char.IsLetter)) return "The name contains no letters.";
        return null;
    }
}
