using System.CommandLine;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;

namespace Crossing.Cli;

internal static class KeyCommands
{
    public static Command Build(CliContext context)
    {
        var rotate = new Command("rotate", "Re-wrap every data key under a new master key and replace the key file; ciphertexts are untouched.");
        rotate.SetAction(async (result, ct) =>
        {
            if (!string.IsNullOrWhiteSpace(context.Env(MasterKeyRing.EnvironmentVariable)))
                throw new CliException($"The master key comes from {MasterKeyRing.EnvironmentVariable}; rotating it means re-wrapping under a key you supply. See docs/key-rotation.md.");
            await using var session = await context.OpenAsync(result, ct);
            var rotation = session.Get<KeyRotation>();
            // Opened now, under the old master key: after the swap this session's ring no longer unwraps it.
            await session.Get<AuditChainKeys>().FindAsync(ct);
            var rotated = await context.WithProgressAsync("Re-wrapping data keys",
                progress => rotation.RotateKeyFileAsync(session.Storage.DataDirectory, new IntProgress(progress), ct));
            await session.Get<IAuditLog>().AppendAsync(
                new AuditEntry(CliContext.Actor, "keys.rotate", null, $"{rotated.OldKeyId} -> {rotated.NewKeyId}, {rotated.DataKeysRewrapped} data keys"), ct);
            context.Report(result,
                new { oldKeyId = rotated.OldKeyId, newKeyId = rotated.NewKeyId, dataKeys = rotated.DataKeysRewrapped },
                $"Master key {rotated.OldKeyId} replaced by {rotated.NewKeyId}; {rotated.DataKeysRewrapped} data keys re-wrapped.");
            return Cli.Ok;
        });
        return new Command("keys", "Manage the master key.") { rotate };
    }

    private sealed class IntProgress(IProgress<(long Done, long Total)> inner) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => inner.Report((value.Done, value.Total));
    }
}
