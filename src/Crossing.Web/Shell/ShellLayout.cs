namespace Crossing.Web.Shell;

public static class ShellLayout
{
    /// <summary>ViewData key: render the layout without looking up the caller (no navigation, no sign-out).</summary>
    public const string WithoutCaller = "Shell.WithoutCaller";
}
