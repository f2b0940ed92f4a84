using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Crossing.Core.Funding;

/// <summary>
/// Serves PDFsharp the TrueType font receipts are drawn in. PDFsharp's font resolver is process-wide and may be set only
/// once, so one resolver serves every font file it has been told about, by a family name derived from the file.
/// </summary>
internal static class ReceiptFonts
{
    /// <summary>Debian's fonts-nanum: TrueType outlines, which PDFsharp can subset and embed.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
        "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
    ];

    private static readonly ConcurrentDictionary<string, string> Families = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>The family names of the regular and bold faces for a configured font (or the first installed candidate).</summary>
    public static (string Regular, string Bold) Resolve(string? configured)
    {
        var path = configured is { Length: > 0 } ? configured : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
            throw new ReceiptException(configured is { Length: > 0 }
                ? $"The receipt font {configured} does not exist: set Crossing:Receipts:FontPath to a TrueType (.ttf) font with Hangul."
                : "No Korean font for receipts: install Debian's fonts-nanum (apt-get install fonts-nanum) or set Crossing:Receipts:FontPath to a .ttf font with Hangul.");
        if (!path.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase))
            throw new ReceiptException($"The receipt font {path} is not a .ttf file: PDFsharp embeds TrueType fonts only (Noto CJK's .ttc carries CFF outlines it cannot embed).");
        Install();
        var bold = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "Bold.ttf");
        return (Register(path), File.Exists(bold) ? Register(bold) : Register(path));
    }

    private static string Register(string path)
    {
        var family = "crossing-receipt-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..12];
        Families.TryAdd(family, path);
        return family;
    }

    private static void Install()
    {
        lock (Gate)
        {
            if (installed)
                return;
            if (GlobalFontSettings.FontResolver is not Resolver)
                GlobalFontSettings.FontResolver = new Resolver();
            installed = true;
        }
    }

    private sealed class Resolver : IFontResolver
    {
        private readonly ConcurrentDictionary<string, byte[]> bytes = new(StringComparer.Ordinal);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            Families.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

        public byte[]? GetFont(string faceName) =>
            Families.TryGetValue(faceName, out var path) ? bytes.GetOrAdd(faceName, _ => File.ReadAllBytes(path)) : null;
    }
}
