using OtpNet;

namespace Crossing.Core.Demo;

/// <summary>
/// The code an authenticator app would show for a key, the same computation Identity's authenticator provider
/// checks (RFC 6238: SHA-1, 30-second steps, 6 digits). Used by the demo tools and by tests, never by sign-in.
/// </summary>
public static class DemoTotp
{
    public const int StepSeconds = 30;

    public static string CurrentCode(string authenticatorKey, DateTimeOffset now)
    {
        var key = Base32Encoding.ToBytes(authenticatorKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        return new Totp(key, step: StepSeconds).ComputeTotp(now.UtcDateTime);
    }

    /// <summary>Seconds until the code shown now is replaced by the next one.</summary>
    public static int SecondsRemaining(DateTimeOffset now) => StepSeconds - (int)(now.ToUnixTimeSeconds() % StepSeconds);
}
