using SpeedUp.Host;

var app = SpeedUpApplication.Build(args);
await app.RunAsync();
