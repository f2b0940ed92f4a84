using System.Diagnostics;
using System.Globalization;
using Crossing.Bench;

// Benchmarks print figures; they never pass or fail. Run in Release:
//   dotnet run -c Release --project bench/Crossing.Bench -- vault
// Each benchmark is one argument; helpers add theirs here, one line each.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["vault"] = VaultBench.RunAsync,
    ["blind-index"] = VaultBlindIndexBench.RunAsync,
    ["cases"] = CasesBench.RunAsync,
    ["webhooks"] = WebhookLoad.RunAsync,
    ["planner"] = PlannerBench.RunAsync,
    ["webhooks-core"] = WebhookCoreBench.RunAsync,
    ["imports"] = ImportsBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Crossing.Bench -- <" + string.Join("|", benchmarks.Keys) + "> [--quick] [options]");
    return 2;
}
Bench.PrintEnvironment();
return await run(args[1..]);

namespace Crossing.Bench
{
    /// <summary>
    /// A small Stopwatch harness: calibrates a round to about 100 ms, warms up, then times several rounds and reports
    /// the median (the spread shows how noisy the shared machine was).
    /// </summary>
    public static class Bench
    {
        private static readonly TimeSpan TargetRound = TimeSpan.FromMilliseconds(100);

        /// <summary>Rounds timed after warm-up; <c>--quick</c> lowers it for a smoke run.</summary>
        public static int Rounds { get; set; } = 15;

        public static void Configure(string[] args)
        {
            if (args.Contains("--quick"))
                Rounds = 3;
        }

        public static void PrintEnvironment()
        {
#if DEBUG
            Console.WriteLine("WARNING: Debug build; figures are meaningless. Use -c Release.");
#endif
            Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, AES-NI {System.Runtime.Intrinsics.X86.Aes.IsSupported}, server GC {System.Runtime.GCSettings.IsServerGC}");
        }

        public static void Header(string title)
        {
            Console.WriteLine();
            Console.WriteLine(title);
            Console.WriteLine($"  {"operation",-52} {"median ops/s",14} {"MB/s",9} {"µs/op",9}   spread (min–max ops/s)");
        }

        /// <summary>Times <paramref name="operation"/>, which performs <paramref name="opsPerCall"/> operations each call.</summary>
        public static Result Measure(string name, Action operation, int opsPerCall = 1, long bytesPerOp = 0) =>
            MeasureAsync(name, () => { operation(); return Task.CompletedTask; }, opsPerCall, bytesPerOp).GetAwaiter().GetResult();

        public static async Task<Result> MeasureAsync(string name, Func<Task> operation, int opsPerCall = 1, long bytesPerOp = 0)
        {
            // Calibrate: how many calls make a round of about TargetRound. This also warms up the JIT (tiered to full opt).
            var calls = 1;
            while (true)
            {
                var t = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                    await operation();
                if (t.Elapsed >= TargetRound / 2 || calls >= 1 << 24)
                {
                    calls = Math.Max(1, (int)(calls * (TargetRound / t.Elapsed)));
                    break;
                }
                calls *= 2;
            }
            for (var warm = 0; warm < 3; warm++)
                for (var i = 0; i < calls; i++)
                    await operation();

            var rates = new double[Rounds];
            for (var r = 0; r < Rounds; r++)
            {
                var t = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                    await operation();
                rates[r] = (double)calls * opsPerCall / t.Elapsed.TotalSeconds;
            }
            Array.Sort(rates);
            var result = new Result(name, rates[rates.Length / 2], rates[0], rates[^1], bytesPerOp);
            Print(result);
            return result;
        }

        /// <summary>For operations too slow to repeat many times: each call is one timed sample.</summary>
        public static async Task<Result> MeasureOnceEachAsync(string name, Func<Task<int>> operation, int samples)
        {
            await operation();
            var rates = new double[samples];
            for (var s = 0; s < samples; s++)
            {
                var t = Stopwatch.StartNew();
                var ops = await operation();
                rates[s] = ops / t.Elapsed.TotalSeconds;
            }
            Array.Sort(rates);
            var result = new Result(name, rates[samples / 2], rates[0], rates[^1], 0);
            Print(result);
            return result;
        }

        private static void Print(Result r)
        {
            var mb = r.BytesPerOp > 0 ? (r.MedianOpsPerSecond * r.BytesPerOp / 1_000_000).ToString("N1", CultureInfo.InvariantCulture) : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name,-52} {r.MedianOpsPerSecond,14:N0} {mb,9} {1_000_000 / r.MedianOpsPerSecond,9:N2}   {r.MinOpsPerSecond:N0}–{r.MaxOpsPerSecond:N0}"));
        }

        public sealed record Result(string Name, double MedianOpsPerSecond, double MinOpsPerSecond, double MaxOpsPerSecond, long BytesPerOp);
    }
}
