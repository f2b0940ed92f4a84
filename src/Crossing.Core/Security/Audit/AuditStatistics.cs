using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

/// <summary>Figures about the audit log for administrators' screens (no event contents).</summary>
public sealed class AuditStatistics(CrossingDbContext db)
{
    public Task<int> EventCountAsync(CancellationToken ct = default) => db.AuditEvents.CountAsync(ct);
}
