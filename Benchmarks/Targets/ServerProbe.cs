using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>Reads a server's memory and CPU time over HTTP: <c>/_bench/memory</c> (the benchmark's
/// <c>serve</c> command and the LiveViewJS peer: after a full collection) when the server has it,
/// else <c>/resourcez?verbose</c> (any Solara server or gateway: the heap as it is, no forced
/// collection, so those figures are marked <c>FullGc = false</c>). A cluster gateway's
/// <c>/resourcez</c> has no <c>process</c> block of its own; its silos' blocks are summed instead.</summary>
public sealed class ServerProbe(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public async Task<MemoryReading> ReadAsync()
    {
        using HttpResponseMessage bench = await _http.GetAsync(BaseUrl + "/_bench/memory");
        if (bench.StatusCode == HttpStatusCode.OK)
            return JsonSerializer.Deserialize<MemoryReading>(await bench.Content.ReadAsStringAsync())
                ?? throw new InvalidOperationException($"{BaseUrl}/_bench/memory returned an empty body");
        IReadOnlyList<JsonNode> processes = ProcessBlocks(await ResourcezAsync());
        return new MemoryReading(
            processes.Sum(p => p["working_set_bytes"]!.GetValue<long>()),
            processes.Sum(p => p["gc_heap_bytes"]!.GetValue<long>()),
            processes.Sum(p => p["cpu_seconds"]!.GetValue<double>()),
            FullGc: false);
    }

    /// <summary>The server's collections so far (<c>/_bench/gc</c>), or null when the server has no such endpoint.</summary>
    public async Task<GcReading?> GcAsync()
    {
        using HttpResponseMessage response = await _http.GetAsync(BaseUrl + "/_bench/gc");
        return response.StatusCode == HttpStatusCode.OK ? JsonSerializer.Deserialize<GcReading>(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>Server CPU time from <c>/resourcez?verbose</c> (no collection is forced for this reading).</summary>
    public async Task<double> CpuSecondsAsync() => ProcessBlocks(await ResourcezAsync()).Sum(p => p["cpu_seconds"]!.GetValue<double>());

    private List<JsonNode> ProcessBlocks(JsonNode report)
    {
        if (report["process"] is { } own)
            return [own];
        List<JsonNode> silos = [.. (report["silos"] as JsonArray ?? []).Select(s => s?["process"]).OfType<JsonNode>()];
        return silos.Count > 0 ? silos
            : throw new InvalidOperationException($"{BaseUrl}/resourcez?verbose has no 'process' block and no silo with one");
    }

    /// <summary>Live kernels as the server reports them (<c>kernels.total</c>).</summary>
    public async Task<int> KernelCountAsync() => (await ResourcezAsync())["kernels"]?["total"]?.GetValue<int>()
        ?? throw new InvalidOperationException($"{BaseUrl}/resourcez has no kernels.total");

    private async Task<JsonNode> ResourcezAsync()
    {
        string body = await _http.GetStringAsync(BaseUrl + "/resourcez?verbose");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"{BaseUrl}/resourcez returned an empty body");
    }

    public void Dispose() => _http.Dispose();
}
