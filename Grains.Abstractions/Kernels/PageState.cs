namespace Solara.Orleans.Abstractions.Kernels;

public enum PageState
{
    Connected,
    Disconnected,
    Closed,
}
