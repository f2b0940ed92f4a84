namespace Crossing.Core.Resettlement;

/// <summary>
/// Why a relative, consent, follow-up, service or programme input cannot be accepted, in the reader's language: keys
/// of Resettlement/ResettlementProblemText.resx (English) and ResettlementProblemText.ko.resx (Korean), said as
/// <see cref="ProblemText"/> says.
/// </summary>
public static class ResettlementProblem
{
    public static readonly ProblemText Text = new("Crossing.Core.Resettlement.ResettlementProblemText", "Resettlement.Problem.");

    /// <summary>A field's name in the problem's language (key What.<paramref name="what"/>).</summary>
    public static ProblemText.Word What(string what) => new("What." + what);
}
