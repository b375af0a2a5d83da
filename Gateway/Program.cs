return await Solara.Orleans.Gateway.Hosting.GatewayServer.RunAsync(args);
