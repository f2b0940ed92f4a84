using System.Text.RegularExpressions;
using Crossing.Web.Shell;

namespace Crossing.Web.Funding;

/// <summary>
/// Why a gift, refund, dispute or event needs attention is stored in English (the ledger's and CLI's language, and
/// what <c>crossing ledger check</c> prints). Pages say it in the reader's language: each stored sentence shape is a
/// key in FundingText (Finance.GiftProblem.*, English and Korean), matched here with its codes and amounts carried
/// over. A sentence of no known shape is shown as stored.
/// </summary>
public static class GiftProblemText
{
    // Key suffix and the English shape written by Core/Funding (GiftIntake, StripeEvents); {n} is a code or amount.
    private static readonly (string Key, Regex Shape)[] Shapes = Compile(
    [
        ("InvoicePaid", "invoice {0} is already paid by another payment"),
        ("RefundAmount", "the refunded amount is not a positive whole number of minor units"),
        ("DisputeAmount", "the disputed amount is not a positive whole number of minor units"),
        ("NotPosted", "the gift could not be posted: {0}"),
        ("WrongCurrency", "the processor reported it in {0}, the gift is in {1}"),
        ("RefundsExceed", "refunds of {0} exceed the gift of {1}"),
        ("RefundNotPosted", "the refund could not be posted: {0}"),
        ("DisputeExceeds", "dispute {0} of {1} exceeds the gift of {2}"),
        ("DisputeNotHeld", "dispute {0} could not be held: {1}"),
        ("UnknownCurrency", "currency '{0}' is not one the ledger knows"),
        ("AmountNotWhole", "amount '{0}' is not a whole number of {1} minor units"),
        ("AmountNotPositive", "the amount is not positive"),
        ("NoSuchFund", "the gift names fund '{0}', which does not exist"),
        ("SessionWithoutPayment", "a paid checkout session without a payment_intent"),
        ("RefundWithoutPayment", "a refunded charge without a payment_intent"),
        ("DisputeWithoutPayment", "a dispute without a payment_intent"),
        ("DisputeUnclear", "a closed dispute whose status is neither won nor lost"),
        ("NotInvoicePayment", "not a payment-intent payment of an invoice"),
    ]);

    public static string Describe(string? stored, Text<FundingText> l)
    {
        if (string.IsNullOrEmpty(stored))
            return "";
        foreach (var (key, shape) in Shapes)
        {
            if (shape.Match(stored) is { Success: true } match)
                return l["Finance.GiftProblem." + key, [.. match.Groups.Values.Skip(1).Select(g => (object)g.Value)]].Value;
        }
        return stored;
    }

    private static (string, Regex)[] Compile((string Key, string English)[] shapes) =>
        [.. shapes.Select(s => (s.Key, new Regex("^" + Regex.Replace(Regex.Escape(s.English), @"\\\{\d\}", "(.+?)") + "$", RegexOptions.CultureInvariant)))];
}
