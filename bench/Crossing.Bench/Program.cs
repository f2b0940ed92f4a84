using Crossing.Bench;

// Each benchmark is one argument; helpers add theirs here, one line each.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["cases"] = CasesBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Crossing.Bench -- <" + string.Join("|", benchmarks.Keys) + "> [options]");
    return 2;
}
return await run(args[1..]);
