namespace Crossing.Core.Journeys;

/// <summary>
/// Why a route, window, journey or check-in input cannot be accepted, in the reader's language: keys of
/// Journeys/JourneyProblemText.resx (English) and JourneyProblemText.ko.resx (Korean), said as <see cref="ProblemText"/> says.
/// </summary>
public static class JourneyProblem
{
    public static readonly ProblemText Text = new("Crossing.Core.Journeys.JourneyProblemText", "Journey.Problem.");

    /// <summary>A field's name in the problem's language (key What.<paramref name="what"/>).</summary>
    public static ProblemText.Word What(string what) => new("What." + what);
}
