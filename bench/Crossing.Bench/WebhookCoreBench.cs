using System.Diagnostics;
using System.Globalization;
using Crossing.Core;
using Crossing.Core.Funding;
using Crossing.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Bench;

/// <summary>
/// `webhooks-core [--events N] [--batch B]`: the webhook intake without HTTP or signature checks. The same event stream
/// as `webhooks` is applied in batches of B (the group commit's batch) through <see cref="StripeEvents.ProcessBatchAsync"/>
/// on a fresh SQLite data folder, and the figures are CPU milliseconds per event (this process only, so they can be
/// read on a busy machine) and SQL statements per event. The serialised ledger work bounds throughput at about
/// 1000 / (CPU ms per event) events/s on one core.
/// </summary>
public static class WebhookCoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = int.Parse(Option(args, "--events") ?? "5000", CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch") ?? "128", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "crossing-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = new StorageOptions(dir, DatabaseProvider.Sqlite, null);
        try
        {
            await DataFolder.InitializeAsync(storage);
            await using var services = new ServiceCollection().AddLogging().AddCrossingCore(storage, DataFolder.LoadKeys(storage)).BuildServiceProvider();
            var source = new WebhookLoad.EventSource(Guid.NewGuid().ToString("N")[..8]);
            var bodies = Enumerable.Range(0, events + 500).Select(_ => source.Next()).ToList();

            using var statements = new StatementCounter();
            await ApplyAsync(services, bodies.Take(500).ToList(), batch); // warm-up: JIT, caches, first donors
            var counts = new Dictionary<WebhookDisposition, int>();
            statements.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            foreach (var (disposition, n) in await ApplyAsync(services, bodies.Skip(500).ToList(), batch))
                counts[disposition] = n;
            wall.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

            Console.WriteLine();
            Console.WriteLine($"webhook intake in process, SQLite, batches of {batch}: {events:N0} events after 500 warm-up");
            Console.WriteLine($"  outcomes: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value:N0} {c.Key.ToString().ToLowerInvariant()}"))}");
            Console.WriteLine($"  wall: {wall.Elapsed.TotalSeconds:F2} s ({events / wall.Elapsed.TotalSeconds:N0} events/s)");
            Console.WriteLine($"  CPU per event: {cpuMs / events:F2} ms (process, all threads)");
            Console.WriteLine($"  SQL statements per event: {statements.Count / (double)events:F1}");
            Console.WriteLine($"  load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // temp folder; leave it if something still holds it
            }
        }
    }

    private static async Task<Dictionary<WebhookDisposition, int>> ApplyAsync(IServiceProvider services, List<string> bodies, int batch)
    {
        var counts = new Dictionary<WebhookDisposition, int>();
        foreach (var chunk in bodies.Chunk(batch))
        {
            var parsed = chunk.Select(ParsedEvent.From).ToList();
            try
            {
                await using var scope = services.CreateAsyncScope();
                foreach (var d in await scope.ServiceProvider.GetRequiredService<StripeEvents>().ProcessBatchAsync(parsed))
                    counts[d] = counts.GetValueOrDefault(d) + 1;
            }
            finally
            {
                parsed.ForEach(p => p.Dispose());
            }
        }
        return counts;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Counts SQL commands EF Core executes, through its diagnostic events.</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable subscription;
        private readonly List<IDisposable> listeners = [];
        private long count;

        public StatementCounter() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

        public long Count => Interlocked.Read(ref count);

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
                listeners.Add(value.Subscribe(this, name => name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted"));
        }

        public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref count);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            subscription.Dispose();
            listeners.ForEach(l => l.Dispose());
        }
    }
}
