using Solara.Orleans.Silo;
using Solara.Samples;

return await SolaraServer.RunAsync(args, SampleApps.All);
