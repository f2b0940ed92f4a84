using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Crossing.Web.Security;

/// <summary>
/// Slows password guessing per e-mail address instead of letting anyone lock an account: the first
/// <see cref="FreeFailures"/> failures cost nothing, then each further try must wait twice as long as the last
/// (<see cref="FirstWait"/> up to <see cref="LongestWait"/>). A try during the wait is refused before any password
/// check, with the time it may be made again. Unknown addresses are throttled exactly like real ones, so the answer
/// tells an outsider nothing; a live session of the account is not touched (only Identity's hard lock, far later,
/// ends sessions). Held in memory by a hash of the address (never the address itself); forgotten after
/// <see cref="Forget"/> without failures.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    /// <summary>Above this many tracked addresses, those forgotten by now are dropped (an attacker's many addresses cannot grow memory for long).</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> failures = new(StringComparer.Ordinal);

    /// <summary>When the address may try again, or null when it may try now.</summary>
    public DateTimeOffset? WaitUntil(string email)
    {
        var now = time.GetUtcNow();
        if (!failures.TryGetValue(Key(email), out var entry) || now - entry.Last > Forget || entry.Failures < FreeFailures)
            return null;
        var until = entry.Last + Wait(entry.Failures);
        return until > now ? until : null;
    }

    public void Failed(string email)
    {
        var now = time.GetUtcNow();
        failures.AddOrUpdate(Key(email), (1, now), (_, old) => (now - old.Last > Forget ? 1 : old.Failures + 1, now));
        if (failures.Count > PruneAbove)
        {
            foreach (var (key, value) in failures)
                if (now - value.Last > Forget)
                    failures.TryRemove(key, out _);
        }
    }

    /// <summary>The right password (and the account may sign in): the address starts afresh.</summary>
    public void Succeeded(string email) => failures.TryRemove(Key(email), out _);

    /// <summary>The wait after the n-th failure in a row: none for the free ones, then 30 s, 1 min, 2 min … 15 min.</summary>
    public static TimeSpan Wait(int failuresInARow) =>
        failuresInARow < FreeFailures ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(failuresInARow - FreeFailures, 20)));

    private static string Key(string email) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));
}
