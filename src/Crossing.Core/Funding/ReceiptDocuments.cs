using System.Globalization;
using System.Resources;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Crossing.Core.Funding;

/// <summary>One line of a receipt or statement: a posted gift, net of refunds and lost disputes.</summary>
public sealed record ReceiptLine(DateTimeOffset GivenAt, Money Net, Money? Refunded, string Fund, string Reference);

/// <summary>
/// Receipts and statements as PDF (PDFsharp, A4), in English or Korean, drawn in a TrueType font with Hangul that
/// PDFsharp embeds as a subset (only the glyphs used), so the file shows the same on a machine without Korean fonts.
/// </summary>
public sealed class ReceiptDocuments(Microsoft.Extensions.Options.IOptions<ReceiptOptions> options)
{
    private static readonly ResourceManager Text = new("Crossing.Core.Funding.ReceiptText", typeof(ReceiptDocuments).Assembly);

    private const double Margin = 56;
    private const double LineHeight = 16;

    public static string T(string language, string key, params object[] args)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var format = Text.GetString(key, culture) ?? key;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    public byte[] GiftReceipt(string language, string number, DateOnly issued, string donorName, string donorCode, ReceiptLine gift)
    {
        using var pdf = new Pdf(options.Value, language, T(language, "Receipt.Title") + " " + number);
        pdf.Letterhead();
        pdf.Heading(T(language, "Receipt.Title"));
        pdf.Field(T(language, "Number"), number);
        pdf.Field(T(language, "Issued"), Day(issued));
        pdf.Field(T(language, "Donor"), donorName);
        pdf.Field(T(language, "DonorCode"), donorCode);
        pdf.Field(T(language, "GiftDate"), Day(gift.GivenAt));
        pdf.Field(T(language, "Amount"), Amount(language, gift));
        pdf.Field(T(language, "Fund"), gift.Fund);
        pdf.Field(T(language, "Reference"), gift.Reference);
        pdf.Gap();
        pdf.Paragraph(T(language, "NoGoodsOrServices"));
        pdf.Paragraph(T(language, "Thanks"));
        return pdf.Save();
    }

    public byte[] Statement(string language, string number, int year, DateOnly issued, string donorName, string donorCode, IReadOnlyList<ReceiptLine> gifts)
    {
        using var pdf = new Pdf(options.Value, language, T(language, "Statement.Title", year) + " " + number);
        pdf.Letterhead();
        pdf.Heading(T(language, "Statement.Title", year));
        pdf.Field(T(language, "Number"), number);
        pdf.Field(T(language, "Issued"), Day(issued));
        pdf.Field(T(language, "Donor"), donorName);
        pdf.Field(T(language, "DonorCode"), donorCode);
        pdf.Gap();
        pdf.Paragraph(T(language, "StatementIntro", year));
        pdf.Row(true, T(language, "Date"), T(language, "Amount"), T(language, "Fund"), T(language, "Reference"));
        foreach (var g in gifts.OrderBy(g => g.GivenAt))
            pdf.Row(false, Day(g.GivenAt), Amount(language, g), g.Fund, g.Reference);
        pdf.Gap();
        foreach (var total in gifts.GroupBy(g => g.Net.Currency.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            pdf.Field(T(language, "Total"), $"{Money.Format(total.Sum(g => g.Net.Minor), total.First().Net.Currency)} {total.Key}");
        pdf.Gap();
        pdf.Paragraph(T(language, "NoGoodsOrServices"));
        pdf.Paragraph(T(language, "Thanks"));
        return pdf.Save();
    }

    private static string Amount(string language, ReceiptLine line)
    {
        var net = $"{line.Net.Format()} {line.Net.Currency.Code}";
        return line.Refunded is { } r ? $"{net} ({T(language, "Refunded", r.Format() + " " + r.Currency.Code)})" : net;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A document being drawn top to bottom, with a new page when the current one is full.</summary>
    private sealed class Pdf : IDisposable
    {
        private readonly PdfDocument document = new();
        private readonly ReceiptOptions organisation;
        private readonly string language;
        private readonly XFont regular;
        private readonly XFont bold;
        private readonly XFont heading;
        private readonly XFont small;
        private XGraphics graphics = null!;
        private PdfPage page = null!;
        private double y;

        public Pdf(ReceiptOptions organisation, string language, string title)
        {
            this.organisation = organisation;
            this.language = language;
            var (regularFamily, boldFamily) = ReceiptFonts.Resolve(organisation.FontPath);
            var embedded = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
            regular = new XFont(regularFamily, 10, XFontStyleEx.Regular, embedded);
            small = new XFont(regularFamily, 8, XFontStyleEx.Regular, embedded);
            bold = new XFont(boldFamily, 10, XFontStyleEx.Regular, embedded);
            heading = new XFont(boldFamily, 16, XFontStyleEx.Regular, embedded);
            document.Info.Title = title;
            document.Info.Author = organisation.OrganisationName;
            document.Language = language;
            NewPage();
        }

        private double Width => page.Width.Point - 2 * Margin;

        public void Letterhead()
        {
            Line(organisation.OrganisationName, heading, 22);
            if (organisation.OrganisationAddress is { Length: > 0 } address)
                Line(address, regular);
            if (organisation.RegistrationNumber is { Length: > 0 } registration)
                Line($"{T(language, "Registration")}: {registration}", regular);
            if (organisation.ContactEmail is { Length: > 0 } contact)
                Line($"{T(language, "Contact")}: {contact}", regular);
            graphics.DrawLine(XPens.Gray, Margin, y, Margin + Width, y);
            y += LineHeight;
        }

        public void Heading(string text) => Line(text, heading, 26);

        public void Field(string label, string value)
        {
            Room(LineHeight);
            graphics.DrawString(label, bold, XBrushes.Black, new XPoint(Margin, y + 10));
            graphics.DrawString(Fit(value, regular, Width - 140), regular, XBrushes.Black, new XPoint(Margin + 140, y + 10));
            y += LineHeight;
        }

        public void Row(bool header, string date, string amount, string fund, string reference)
        {
            Room(LineHeight);
            var font = header ? bold : regular;
            double[] columns = [0, 70, 250, 340];
            string[] cells = [date, amount, fund, reference];
            for (var i = 0; i < cells.Length; i++)
            {
                var room = (i + 1 < columns.Length ? columns[i + 1] : Width) - columns[i] - 6;
                graphics.DrawString(Fit(cells[i], font, room), font, XBrushes.Black, new XPoint(Margin + columns[i], y + 10));
            }
            y += LineHeight;
        }

        public void Paragraph(string text)
        {
            foreach (var line in Wrap(text, regular, Width))
                Line(line, regular);
            y += LineHeight / 2;
        }

        public void Gap() => y += LineHeight / 2;

        public byte[] Save()
        {
            graphics.Dispose();
            using var stream = new MemoryStream();
            document.Save(stream, false);
            return stream.ToArray();
        }

        public void Dispose()
        {
            graphics.Dispose();
            document.Dispose();
        }

        private void Line(string text, XFont font, double height = LineHeight)
        {
            Room(height);
            graphics.DrawString(Fit(text, font, Width), font, XBrushes.Black, new XPoint(Margin, y + height - 6));
            y += height;
        }

        private void Room(double height)
        {
            if (y + height > page.Height.Point - Margin)
                NewPage();
        }

        private void NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin;
            graphics.DrawString(T(language, "Page", document.PageCount), small, XBrushes.Gray, new XPoint(Margin, page.Height.Point - Margin / 2));
        }

        /// <summary>Cuts text that would run past the right edge (references and fund names are long only by mistake).</summary>
        private string Fit(string text, XFont font, double room)
        {
            if (graphics.MeasureString(text, font).Width <= room)
                return text;
            var cut = text;
            while (cut.Length > 1 && graphics.MeasureString(cut + "…", font).Width > room)
                cut = cut[..^1];
            return cut + "…";
        }

        /// <summary>Breaks at spaces, and anywhere in a run without spaces that is wider than the line.</summary>
        private IEnumerable<string> Wrap(string text, XFont font, double room)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= room)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    yield return line;
                line = word;
                while (graphics.MeasureString(line, font).Width > room && line.Length > 1)
                {
                    var take = line.Length - 1;
                    while (take > 1 && graphics.MeasureString(line[..take], font).Width > room)
                        take--;
                    yield return line[..take];
                    line = line[take..];
                }
            }
            if (line.Length > 0)
                yield return line;
        }
    }
}
