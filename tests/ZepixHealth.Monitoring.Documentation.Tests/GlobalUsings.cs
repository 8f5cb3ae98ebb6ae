global using ZepixHealth.Monitoring.Documentation.Tests.Support;
global using ZepixHealth.Monitoring.Tests.Support;
