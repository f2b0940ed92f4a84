using System.Security.Cryptography;

namespace Crossing.Core.Security.Access;

/// <summary>Short random codes such as C-7K3Q, from an alphabet without look-alike characters (no 0/O, 1/I/L, U).</summary>
public static class PseudonymousCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(char kind, int length = 4)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{kind}-{chars}";
    }

    public static bool IsWellFormed(string text, char kind) =>
        text.Length >= 6 && text.Length <= 12 && text[0] == kind && text[1] == '-' && text[2..].All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>A new code no record holds yet: 30^4 = 810,000 codes, lengthened after repeated collisions as the space fills.</summary>
    public static async Task<string> NewUniqueAsync(char kind, Func<string, Task<bool>> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = New(kind, attempt < 8 ? 4 : 6);
            if (!await taken(code))
                return code;
        }
    }
}
