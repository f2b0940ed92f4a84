namespace Crossing.Core.Funding;

/// <summary>The organisation printed on receipts and how they are delivered (section Crossing:Receipts, docs/receipts.md).</summary>
public sealed class ReceiptOptions
{
    public const string Section = "Crossing:Receipts";

    public string OrganisationName { get; set; } = "Crossing";
    public string? OrganisationAddress { get; set; }

    /// <summary>The charity or non-profit registration number, printed on every receipt when set.</summary>
    public string? RegistrationNumber { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>The sender of receipt e-mails.</summary>
    public string FromAddress { get; set; } = "receipts@crossing.invalid";

    /// <summary>"en" or "ko": the language receipts are written in unless a command names another.</summary>
    public string Language { get; set; } = "en";

    /// <summary>A TrueType (.ttf) font with Hangul; default: NanumGothic from Debian's fonts-nanum.</summary>
    public string? FontPath { get; set; }

    /// <summary>Where receipts are written as .eml files when no SMTP host is set; default: the data folder's outbox.</summary>
    public string? OutboxFolder { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        /// <summary>Empty: receipts go to the outbox folder instead.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>STARTTLS when the server offers it (port 587), or TLS from the start on port 465.</summary>
        public bool UseTls { get; set; } = true;

        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public static readonly IReadOnlyList<string> Languages = ["en", "ko"];

    public static string LanguageOr(string? requested, string fallback)
    {
        var text = (requested ?? fallback).Trim().ToLowerInvariant();
        return Languages.Contains(text) ? text : throw new ReceiptException($"Unknown language '{requested}': use en or ko.");
    }
}

public class ReceiptException(string message) : Exception(message);

/// <summary>Refused because an earlier attempt at the same receipt may have reached the donor: a person confirms it or asks again.</summary>
public sealed class ReceiptUnconfirmedException(string message) : ReceiptException(message);
