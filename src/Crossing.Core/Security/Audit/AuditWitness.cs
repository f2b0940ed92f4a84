using System.Globalization;
using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Audit;

/// <summary>When to write a checkpoint to the witness folder: after <see cref="Interval"/>, or after <see cref="EveryEvents"/> new events.</summary>
public sealed record AuditWitnessOptions(string Folder, TimeSpan Interval, long EveryEvents)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);
    public const long DefaultEveryEvents = 1000;

    public static string DefaultFolder(string dataDirectory) => Path.Combine(dataDirectory, "audit-checkpoints");
}

/// <summary>
/// Writes signed checkpoints to a folder outside the database (in production a mounted remote store the database's
/// administrators cannot write), one file per checkpoint, named by event count so the newest sorts last.
/// </summary>
public sealed class AuditWitness(CrossingDbContext db, AuditCheckpoints checkpoints, TimeProvider time)
{
    public const string Actor = "system:audit-witness";
    private const string FilePrefix = "audit-checkpoint-";

    /// <summary>Writes a checkpoint when one is due; returns its path, or null when none was due.</summary>
    public async Task<string?> WriteIfDueAsync(AuditWitnessOptions options, string dataDirectory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.Folder);
        var last = Latest(options.Folder);
        var head = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => h.Sequence).SingleOrDefaultAsync(ct);
        if (last is not null)
        {
            // Fewer events than already witnessed: the log was rolled back. Say so loudly, and never paper over it.
            if (head < last.Events)
                throw new AuditCheckpointException(
                    $"the audit log holds {head} events but the witness folder already has a checkpoint of {last.Events}: the newest events were deleted or the database was restored. Run `crossing audit verify --checkpoint` with the newest checkpoint.");
            // Nothing happened since the last checkpoint (whose own event it counts): nothing new to witness.
            if (head == last.Events)
                return null;
            var age = time.GetUtcNow() - DateTimeOffset.Parse(last.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (age < options.Interval && head - last.Events < options.EveryEvents)
                return null;
        }
        var checkpoint = await checkpoints.CreateAsync(dataDirectory, Actor, ct);
        var path = Path.Combine(options.Folder, $"{FilePrefix}{checkpoint.Events.ToString("D12", CultureInfo.InvariantCulture)}.json");
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, checkpoint.ToJson(), ct);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The newest readable checkpoint in the folder, or null.</summary>
    public static AuditCheckpoint? Latest(string folder)
    {
        if (!Directory.Exists(folder))
            return null;
        foreach (var file in Directory.EnumerateFiles(folder, FilePrefix + "*.json").OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                return AuditCheckpoint.Parse(File.ReadAllText(file));
            }
            catch (AuditCheckpointException)
            {
                // A damaged file is skipped; an older one still tells when the last good checkpoint was.
            }
        }
        return null;
    }
}
