namespace Crossing.Core.Security.Access;

/// <summary>
/// Who the current unit of work acts for. The database's compartment filter reads it on every query: with no
/// caller, every compartmented table is empty (deny by default). The web host sets it once per request from the
/// signed-in staff member or token; services that act for a caller they were given set it with <see cref="Use"/>.
/// </summary>
public sealed class CallerScope
{
    private static readonly List<CompartmentId> None = [];
    private List<CompartmentId> compartments = None;

    public StaffCaller? Caller { get; private set; }

    /// <summary>The compartments queries may return rows from: empty (no rows) when nobody is acting.</summary>
    internal List<CompartmentId> VisibleCompartments => compartments;

    /// <summary>Acts for <paramref name="caller"/> until disposed, then for whoever acted before.</summary>
    public IDisposable Use(StaffCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var previous = Caller;
        Set(caller);
        return new Restore(this, previous);
    }

    public void Set(StaffCaller? caller)
    {
        Caller = caller;
        compartments = caller is null ? None : [.. caller.Compartments];
    }

    private sealed class Restore(CallerScope scope, StaffCaller? previous) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (done)
                return;
            done = true;
            scope.Set(previous);
        }
    }
}
