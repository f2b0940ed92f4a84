using System.Globalization;

namespace Crossing.Core.Planning;

/// <summary>
/// The waiting reasons in words, English and Korean. A small table rather than resx: the planner's output carries
/// both languages side by side (the CLI and the API print them together), so no culture switch is involved.
/// </summary>
public static class PlanReasons
{
    public const string English = "en";
    public const string Korean = "ko";

    private static readonly Dictionary<(WaitingReasonCode, string), string> Texts = new()
    {
        [(WaitingReasonCode.NoRoutes, English)] = "It has no route it can reach.",
        [(WaitingReasonCode.NoRoutes, Korean)] = "이 그룹이 갈 수 있는 경로가 없습니다.",
        [(WaitingReasonCode.NoWindowOnRoutes, English)] = "There is no travel window on its routes.",
        [(WaitingReasonCode.NoWindowOnRoutes, Korean)] = "이 그룹의 경로에 이동 가능 시기가 없습니다.",
        [(WaitingReasonCode.RouteClosed, English)] = "Its routes are closed (suspended or compromised).",
        [(WaitingReasonCode.RouteClosed, Korean)] = "이 그룹의 경로가 폐쇄되었습니다(중단 또는 노출).",
        [(WaitingReasonCode.NoWindowBeforeDeadline, English)] = "No travel window on its routes between the plan's start ({0}) and its deadline ({1}).",
        [(WaitingReasonCode.NoWindowBeforeDeadline, Korean)] = "계획 시작일({0})부터 마감일({1}) 사이에 이 그룹의 경로에 이동 가능 시기가 없습니다.",
        [(WaitingReasonCode.NoWindowAfterStart, English)] = "No travel window on its routes on or after the plan's start ({0}).",
        [(WaitingReasonCode.NoWindowAfterStart, Korean)] = "계획 시작일({0}) 이후 이 그룹의 경로에 이동 가능 시기가 없습니다.",
        [(WaitingReasonCode.TooLargeForAnyWindow, English)] = "No window it could take has room for {0} people travelling together.",
        [(WaitingReasonCode.TooLargeForAnyWindow, Korean)] = "이용할 수 있는 어떤 이동 가능 시기에도 함께 이동할 {0}명이 탈 자리가 없습니다.",
        [(WaitingReasonCode.CapacityFull, English)] = "Every window it could take before its deadline is full.",
        [(WaitingReasonCode.CapacityFull, Korean)] = "마감일 전에 이용할 수 있는 모든 이동 가능 시기의 정원이 찼습니다.",
        [(WaitingReasonCode.Money, English)] = "Not enough money: {0} more by {1} would let it travel in window {2}.",
        [(WaitingReasonCode.Money, Korean)] = "자금 부족: {1}까지 {0}이(가) 더 있으면 {2} 이동 가능 시기에 이동할 수 있습니다.",
    };

    public static string Format(WaitingReasonCode code, string language, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, Texts[(code, language == Korean ? Korean : English)], arguments);

    /// <summary>The short machine-readable code, as printed in JSON.</summary>
    public static string Code(WaitingReasonCode code) => code switch
    {
        WaitingReasonCode.NoRoutes => "no-routes",
        WaitingReasonCode.RouteClosed => "route-closed",
        WaitingReasonCode.NoWindowOnRoutes => "no-window-on-routes",
        WaitingReasonCode.NoWindowBeforeDeadline => "no-window-before-deadline",
        WaitingReasonCode.NoWindowAfterStart => "no-window-after-start",
        WaitingReasonCode.TooLargeForAnyWindow => "too-large-for-any-window",
        WaitingReasonCode.CapacityFull => "capacity-full",
        _ => "money",
    };
}
