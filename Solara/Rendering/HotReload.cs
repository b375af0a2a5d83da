using System.Reflection.Metadata;
using Solara.Reactive;

[assembly: MetadataUpdateHandler(typeof(Solara.Rendering.HotReload))]

namespace Solara.Rendering;

/// <summary>Called by the runtime when <c>dotnet watch</c> applies a code edit: every live kernel
/// re-renders all its components on its own turn, keeping its reactive values and hook state.</summary>
public static class HotReload
{
    public static int Reloads { get; private set; }

    public static void ClearCache(Type[]? updatedTypes)
    {
    }

    public static void UpdateApplication(Type[]? updatedTypes)
    {
        Reloads++;
        foreach (KernelContext context in KernelContext.Live)
            context.Dispatcher.Post(context.RequestReload);
    }
}
