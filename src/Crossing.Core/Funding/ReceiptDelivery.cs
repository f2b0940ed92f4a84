using Crossing.Core.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crossing.Core.Funding;

/// <summary>A receipt to deliver: to whom, in which words, with which PDF, under which Message-ID (fixed before the first attempt).</summary>
public sealed record ReceiptMail(string To, string ToName, string Subject, string Body, string FileName, byte[] Pdf, string MessageId)
{
    public override string ToString() => $"[receipt mail {FileName}]";
}

/// <summary>Delivery certainly did not happen (no connection, refused by the server, outbox not written): safe to try again.</summary>
public sealed class ReceiptNotDeliveredException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Sends receipts by SMTP (MailKit) when Crossing:Receipts:Smtp:Host is set; otherwise writes each as an .eml file in
/// the outbox folder, for an operator to send or inspect. Answers "smtp" or "outbox". A failure that certainly
/// delivered nothing is a <see cref="ReceiptNotDeliveredException"/>; any other failure may have delivered the message.
/// </summary>
public class ReceiptDelivery(IOptions<ReceiptOptions> options, StorageOptions storage)
{
    public const string Smtp = "smtp";
    public const string Outbox = "outbox";

    public string OutboxFolder => options.Value.OutboxFolder is { Length: > 0 } folder ? folder : Path.Combine(storage.DataDirectory, "outbox");

    /// <summary>"smtp" when an SMTP host is configured, else "outbox".</summary>
    public string Channel => options.Value.Smtp.Host is { Length: > 0 } ? Smtp : Outbox;

    /// <summary>A stable Message-ID for a receipt number: NUMBER@the sender's domain.</summary>
    public string MessageIdFor(string number)
    {
        var from = options.Value.FromAddress;
        var at = from.LastIndexOf('@');
        return number + "@" + (at >= 0 && at < from.Length - 1 ? from[(at + 1)..] : "crossing.invalid");
    }

    public virtual async Task<string> DeliverAsync(ReceiptMail mail, CancellationToken ct)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.OrganisationName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        message.Subject = mail.Subject;
        message.MessageId = mail.MessageId;
        var body = new BodyBuilder { TextBody = mail.Body };
        body.Attachments.Add(mail.FileName, mail.Pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();

        if (settings.Smtp.Host is { Length: > 0 } host)
        {
            using var client = new SmtpClient();
            var security = !settings.Smtp.UseTls ? SecureSocketOptions.None
                : settings.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            try
            {
                await client.ConnectAsync(host, settings.Smtp.Port, security, ct);
                if (settings.Smtp.UserName is { Length: > 0 } user)
                    await client.AuthenticateAsync(user, settings.Smtp.Password ?? "", ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ReceiptNotDeliveredException($"The SMTP server {host}:{settings.Smtp.Port} could not be reached or refused the login ({e.GetType().Name})", e);
            }
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e)
            {
                // The server answered with an error: it did not take the message.
                throw new ReceiptNotDeliveredException($"The SMTP server refused the message ({e.StatusCode})", e);
            }
            // Accepted by the server: delivered, whatever happens when hanging up.
            try
            {
                await client.DisconnectAsync(true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
            {
            }
            return Smtp;
        }

        try
        {
            Directory.CreateDirectory(OutboxFolder);
            var path = OutboxPath(mail.FileName);
            // Written under a temporary name and moved, so a reader of the outbox never sees half a message.
            var partial = path + ".partial";
            await message.WriteToAsync(partial, ct);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReceiptNotDeliveredException($"The outbox folder could not be written ({e.GetType().Name})", e);
        }
        return Outbox;
    }

    /// <summary>Whether the outbox holds the complete message NUMBER.eml with this Message-ID (a partial file never counts).</summary>
    public virtual async Task<bool> InOutboxAsync(string number, string messageId, CancellationToken ct)
    {
        var path = OutboxPath(number + ".pdf");
        if (!File.Exists(path))
            return false;
        try
        {
            using var message = await MimeMessage.LoadAsync(path, ct);
            return string.Equals(message.MessageId, messageId, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string OutboxPath(string fileName) => Path.Combine(OutboxFolder, Path.GetFileNameWithoutExtension(fileName) + ".eml");
}
