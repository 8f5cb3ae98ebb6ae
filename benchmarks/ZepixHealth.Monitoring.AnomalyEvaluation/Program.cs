using System.Diagnostics;
using System.Globalization;
using ZepixHealth.Monitoring.AnomalyEvaluation;

// Replays labelled NAB series through the monitor (default anomaly settings, fake time) and scores its
// anomaly alerts beside two baselines computed in the same run.
// Usage: dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.AnomalyEvaluation -- <folder> [series-filter ...]
// where <folder> holds windows.json and data/ (e.g. ../shared/anomaly-dev).
if (args.Length == 0 || !File.Exists(Path.Combine(args[0], "windows.json")))
{
    Console.Error.WriteLine("usage: AnomalyEvaluation <folder with windows.json and data/> [series-filter ...]");
    return 2;
}

var series = LabelledSeries.Load(args[0], args.Skip(1).ToArray());
if (series.Count == 0)
{
    Console.Error.WriteLine("no series matched");
    return 2;
}

var clock = Stopwatch.StartNew();
var monitor = new CorpusTotals("monitor");
var zScore = new CorpusTotals("rolling z-score");
var staticThreshold = new CorpusTotals("static p99");
Console.WriteLine($"{"series",-55} {"detector",-16} {"windows",7} {"detected",8} {"missed",6} {"false",5} {"false/day",9} {"raw",7} {"median ttd",10}");
foreach (var one in series)
{
    var results = new (CorpusTotals Totals, IReadOnlyList<int> Detections)[]
    {
        (monitor, await MonitorReplay.DetectAsync(one)),
        (zScore, RollingZScoreBaseline.Detect(one)),
        (staticThreshold, StaticThresholdBaseline.Detect(one)),
    };
    foreach (var (totals, detections) in results)
    {
        var score = NabScorer.Score(one, detections);
        totals.Add(score);
        var times = score.TimesToDetect.Order().ToArray();
        var ttd = times.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{times[times.Length / 2].TotalHours:0.0} h");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{one.Name,-55} {totals.Detector,-16} {score.Windows,7} {score.Detected,8} {score.Missed,6} {score.FalseAlerts,5} {score.FalseAlertsPerDay,9:0.00} {score.RawScore,7:0.00} {ttd,10}"));
    }
}

Console.WriteLine();
Console.WriteLine($"totals over {series.Count} series ({clock.Elapsed.TotalSeconds:0.0} s):");
foreach (var totals in new[] { monitor, zScore, staticThreshold })
{
    Console.WriteLine("  " + totals.Describe());
}

return 0;
