using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Funding;

/// <summary>
/// Group commit for webhook intake. Requests hand their verified event to one reader, which applies whatever has queued
/// up (at most <see cref="MaxBatch"/>) in one ledger transaction and completes each request only after that commit, so
/// a 200 still means "stored and applied". Ledger writes are serialised anyway; batching shares one commit (one fsync)
/// among the events that arrived meanwhile. A failed batch is retried event by event, so one bad event fails alone.
/// </summary>
public sealed class StripeBatcher(IServiceScopeFactory scopes) : IAsyncDisposable
{
    public const int MaxBatch = 128;

    private readonly Channel<Item> queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock starting = new();
    private Task? reader;

    public async Task<WebhookDisposition> SubmitAsync(string json, CancellationToken ct = default)
    {
        var parsed = ParsedEvent.From(json);
        var item = new Item(parsed, new TaskCompletionSource<WebhookDisposition>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureReader();
        if (!queue.Writer.TryWrite(item))
        {
            parsed.Dispose();
            throw new InvalidOperationException("Webhook intake is shutting down.");
        }
        // A client that goes away does not cancel the event: it is applied and committed regardless.
        return await item.Done.Task.WaitAsync(ct);
    }

    private void EnsureReader()
    {
        if (reader is not null)
            return;
        lock (starting)
            reader ??= Task.Run(ReadAsync);
    }

    private async Task ReadAsync()
    {
        var batch = new List<Item>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<StripeEvents>().ProcessBatchAsync([.. batch.Select(b => b.Event)]);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception) when (batch.Count > 0)
            {
                foreach (var item in batch)
                    await ProcessAloneAsync(item);
            }
            finally
            {
                foreach (var item in batch)
                    item.Event.Dispose();
            }
        }
    }

    private async Task ProcessAloneAsync(Item item)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            item.Done.TrySetResult(await scope.ServiceProvider.GetRequiredService<StripeEvents>().ApplyAloneAsync(item.Event));
        }
        catch (Exception e)
        {
            item.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (reader is not null)
            await reader;
    }

    private sealed record Item(ParsedEvent Event, TaskCompletionSource<WebhookDisposition> Done);
}
