using Crossing.Web.Security;

namespace Crossing.Tests.Web;

public sealed class SignInThrottleTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    [Fact]
    public void Three_failures_are_free_then_each_wait_doubles_up_to_fifteen_minutes()
    {
        Assert.Equal(
            [0, 0, 0, 30, 60, 120, 240, 480, 900, 900],
            Enumerable.Range(0, 10).Select(n => (int)SignInThrottle.Wait(n).TotalSeconds).ToArray());
    }

    [Fact]
    public void An_address_waits_after_its_third_failure_whatever_its_case_and_a_right_password_starts_it_afresh()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.WaitUntil("kim@example.org"));
            throttle.Failed("kim@example.org");
        }

        Assert.Equal(clock.GetUtcNow().AddSeconds(30), throttle.WaitUntil(" KIM@example.org "));
        Assert.Null(throttle.WaitUntil("lee@example.org"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(throttle.WaitUntil("kim@example.org"));
        throttle.Failed("kim@example.org");
        Assert.Equal(clock.GetUtcNow().AddMinutes(1), throttle.WaitUntil("kim@example.org"));

        throttle.Succeeded("kim@example.org");
        Assert.Null(throttle.WaitUntil("kim@example.org"));
    }

    [Fact]
    public void Failures_are_forgotten_after_an_hour_without_one()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 3; i++)
            throttle.Failed("kim@example.org");
        clock.Advance(SignInThrottle.Forget + TimeSpan.FromSeconds(1));

        throttle.Failed("kim@example.org");

        Assert.Null(throttle.WaitUntil("kim@example.org"));
    }
}
