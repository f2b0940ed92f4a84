using Crossing.Core.Persistence;

var storage = StorageOptions.Resolve(args.Length > 2 && args[1] == "--data" ? args[2] : null);
var result = await DataFolder.InitializeAsync(storage);
Console.WriteLine($"{{\"data\":\"{storage.DataDirectory}\",\"masterKey\":\"{result.MasterKeyId}\"}}");
