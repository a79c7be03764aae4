using ReviewWorkflow.Web.Cases;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Bench;

/// <summary>A planted series: deaths sharing place, substance and profile, like the Barking deaths.</summary>
public sealed record PlantedSeries(int Number, IReadOnlyList<HistoricalDeath> Recorded, HistoricalDeath Next);

/// <summary>
/// Synthetic deaths for a national pool: places weighted by where people live (UK cities with a
/// spread, plus rural), twelve years of dates, realistic substance and marker mixes (a rare drug
/// in well under 1% of deaths), and persons with their own names and phone numbers.
/// </summary>
public sealed class SyntheticDeaths(int seed)
{
    private readonly Random _random = new(seed);
    public static readonly DateTimeOffset From = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Days = 12 * 365;

    // (name, lat, lon, weight: share of deaths in permille, spread in km)
    private static readonly (string Name, double Lat, double Lon, double Weight, double SpreadKm)[] Places =
    [
        ("London", 51.507, -0.128, 150, 11), ("Birmingham", 52.486, -1.890, 40, 7), ("Manchester", 53.481, -2.243, 40, 8),
        ("Leeds", 53.801, -1.549, 25, 6), ("Glasgow", 55.864, -4.252, 25, 6), ("Liverpool", 53.408, -2.992, 20, 5),
        ("Newcastle", 54.978, -1.618, 18, 6), ("Sheffield", 53.381, -1.470, 15, 5), ("Bristol", 51.455, -2.588, 15, 5),
        ("Edinburgh", 55.953, -3.189, 13, 5), ("Cardiff", 51.482, -3.179, 10, 4), ("Nottingham", 52.955, -1.158, 12, 5),
        ("Leicester", 52.637, -1.134, 10, 4), ("Brighton", 50.822, -0.137, 8, 4), ("Southampton", 50.910, -1.404, 9, 4),
        ("Portsmouth", 50.820, -1.088, 7, 3), ("Plymouth", 50.376, -4.143, 6, 3), ("Hull", 53.767, -0.327, 7, 3),
        ("Stoke", 53.003, -2.180, 7, 4), ("Coventry", 52.407, -1.510, 8, 4), ("Belfast", 54.597, -5.930, 9, 4),
        ("Aberdeen", 57.150, -2.094, 5, 3), ("Swansea", 51.621, -3.944, 5, 3), ("Norwich", 52.630, 1.297, 4, 3),
        ("Oxford", 51.752, -1.258, 4, 3), ("Cambridge", 52.205, 0.122, 4, 3), ("York", 53.960, -1.087, 3, 3),
        ("Blackpool", 53.817, -3.036, 5, 3), ("Middlesbrough", 54.574, -1.235, 6, 4), ("Bradford", 53.795, -1.759, 10, 4),
    ];

    private static readonly (string Spelling, double Weight)[] CommonSubstances =
    [
        ("alcohol", 30), ("ethanol", 3), ("heroin", 8), ("methadone", 5), ("morphine", 3), ("fentanyl", 1), ("codeine", 2), ("tramadol", 2),
        ("cocaine", 10), ("crack", 2), ("diazepam", 6), ("alprazolam", 2), ("etizolam", 2), ("amitriptyline", 3), ("sertraline", 2),
        ("citalopram", 2), ("paracetamol", 5), ("cannabis", 7), ("amphetamine", 3), ("MDMA", 2), ("pregabalin", 3), ("gabapentin", 2),
        ("GHB", 0.25), ("GBL", 0.15), ("ketamine", 0.4), ("mephedrone", 0.2), ("methamphetamine", 0.2), ("xylazine", 0.1),
    ];

    private static readonly (string[] Spellings, double Weight)[] SeriesSubstances =
    [
        (["GHB", "GBL", "1,4-BD", "gamma-hydroxybutyrate", "G"], 60), (["ketamine", "K"], 15), (["mephedrone", "4-MMC"], 10),
        (["methamphetamine", "crystal meth", "tina"], 15),
    ];

    private static readonly (string Marker, double Chance)[] Markers =
    [
        ("found-outdoors", 0.25), ("phone-missing", 0.08), ("posed", 0.02), ("dating-app", 0.03), ("chemsex", 0.01),
        ("note-found", 0.04), ("planted-drugs", 0.01), ("found-indoors", 0.5),
    ];

    private static readonly string[] SeriesMarkers = ["found-outdoors", "phone-missing", "posed", "dating-app", "chemsex", "planted-drugs"];

    private static readonly string[] FirstNames =
    [
        "James", "John", "Robert", "Michael", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark",
        "Paul", "Steven", "Andrew", "Kevin", "Brian", "George", "Edward", "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary",
        "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Frank",
        "Alexander", "Patrick", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Nathan", "Henry", "Douglas",
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Betty",
        "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Dorothy", "Carol", "Amanda", "Melissa", "Deborah",
        "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Shirley", "Angela", "Helen", "Anna", "Brenda", "Pamela",
        "Nicole", "Emma", "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Catherine", "Carolyn", "Janet", "Ruth", "Maria",
        "Oliver", "Harry", "Charlie", "Leo", "Oscar", "Archie", "Alfie", "Freddie", "Isla", "Ava", "Mia", "Ivy", "Grace", "Lily", "Sophie",
        "Amelia", "Olivia", "Poppy", "Ella", "Evie", "Ruby", "Chloe", "Megan", "Holly", "Lauren", "Zoe", "Jade", "Abigail", "Kieran",
        "Connor", "Callum", "Liam", "Kyle", "Dean", "Wayne", "Lee", "Craig", "Darren", "Shane", "Gareth", "Rhys", "Owen", "Dylan", "Ewan",
        "Fraser", "Hamish", "Angus", "Niamh", "Siobhan", "Aoife", "Ciara", "Declan", "Seamus", "Priya", "Anil", "Raj", "Sunita", "Aisha",
        "Fatima", "Mohammed", "Ali", "Omar", "Yusuf", "Tariq", "Imran", "Bilal", "Hassan", "Zainab", "Amina", "Chen", "Wei", "Li",
    ];

    private static readonly string[] Surnames = BuildSurnames();

    private static string[] BuildSurnames()
    {
        string[] stems =
        [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
            "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips",
            "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Cooper", "Harris", "Martin", "Morris", "Hughes",
            "Ward", "Edwards", "Turner", "Hill", "Moore", "Allen", "Baker", "Carter", "Collins", "Bell", "Cook", "Murphy", "Kelly",
        ];
        string[] suffixes = ["", "son", "ton", "ley", "field", "well", "ford", "ham", "wick", "by", "stone", "worth", "more", "dale", "man", "er", "ridge", "land", "wood", "gate"];
        return [.. stems.SelectMany(s => suffixes.Select(x => s + x))];
    }

    private static readonly string[] Circumstances =
    [
        "found at home by a relative", "found in bed by a carer", "found in a car park", "found in a stairwell", "found in a park by a dog walker",
        "found in a hostel room", "found on a bench", "found in a flat after a welfare check", "found by a neighbour", "found in a hotel room",
        "found in a garden", "found on the towpath", "found in a shop doorway", "collapsed in the street", "found in a vehicle",
    ];

    public HistoricalDeath Background(int n)
    {
        var (lat, lon) = Place();
        var sex = _random.NextDouble() switch { < 0.68 => "male", < 0.98 => "female", _ => "unknown" };
        int? age = _random.NextDouble() < 0.95 ? Math.Clamp((int)(Gaussian() * 18 + 55), 14, 100) : null;
        var substances = new List<string>();
        if (_random.NextDouble() < 0.65)
        {
            substances.Add(Pick(CommonSubstances));
            if (_random.NextDouble() < 0.35) substances.Add(Pick(CommonSubstances));
        }
        var markers = Markers.Where(m => _random.NextDouble() < m.Chance).Select(m => m.Marker).ToList();
        return new HistoricalDeath($"BG-{n:D8}", From.AddMinutes(_random.NextDouble() * Days * 1440), lat, lon, sex, age,
            _random.NextDouble() < 0.8 ? Name() : "unknown", "synthetic", CircumstancesText(),
            substances.Distinct().ToList(), markers, Persons(), "historical", "not-suspicious", null);
    }

    /// <summary>
    /// A series of <paramref name="size"/> deaths within about 300 m and 15 months, one rare drug
    /// (spelt in different ways), one profile (sex, age within a few years), shared markers; the
    /// last one is the new death whose linkage is measured.
    /// </summary>
    public PlantedSeries Series(int number, int size)
    {
        var (lat, lon) = Place();
        var spellings = SeriesSubstances[PickIndex(SeriesSubstances.Select(s => s.Weight).ToArray())].Spellings;
        var sex = _random.NextDouble() < 0.85 ? "male" : "female";
        var baseAge = _random.Next(18, 36);
        var core = SeriesMarkers.OrderBy(_ => _random.Next()).Take(_random.Next(2, 4)).ToList();
        var start = From.AddDays(_random.NextDouble() * (Days - 500) + 30);
        var offsets = Enumerable.Range(0, size).Select(_ => _random.NextDouble() * 450).Order().ToList();
        var deaths = offsets.Select((days, i) =>
        {
            var metres = Math.Abs(Gaussian()) * 150;
            var angle = _random.NextDouble() * 2 * Math.PI;
            var markers = core.Where(_ => _random.NextDouble() < 0.85).ToList();
            if (_random.NextDouble() < 0.3) markers.Add(Markers[_random.Next(Markers.Length)].Marker);
            return new HistoricalDeath($"PL-{number:D5}-{i}", start.AddDays(days),
                lat + metres * Math.Cos(angle) / 111_200, lon + metres * Math.Sin(angle) / (111_200 * Math.Cos(lat * Math.PI / 180)),
                sex, Math.Clamp(baseAge + _random.Next(-3, 4), 16, 60), Name(), "synthetic series", CircumstancesText(),
                [spellings[_random.Next(spellings.Length)]], markers.Distinct().ToList(), Persons(), "historical", "not-suspicious", null);
        }).ToList();
        return new PlantedSeries(number, deaths[..^1], deaths[^1]);
    }

    private (double Lat, double Lon) Place()
    {
        if (_random.NextDouble() < 0.2)
        {
            // Rural and small towns: anywhere in a box over Great Britain.
            return (50.2 + _random.NextDouble() * 7.5, -5.3 + _random.NextDouble() * 6.9);
        }
        var city = Places[PickIndex(Places.Select(p => p.Weight).ToArray())];
        var northKm = Gaussian() * city.SpreadKm;
        var eastKm = Gaussian() * city.SpreadKm;
        return (city.Lat + northKm / 111.2, city.Lon + eastKm / (111.2 * Math.Cos(city.Lat * Math.PI / 180)));
    }

    /// <summary>One in ten circumstances names a person after a cue ("a man called ..."), as officers write them.</summary>
    private string CircumstancesText()
    {
        var text = Circumstances[_random.Next(Circumstances.Length)];
        return _random.NextDouble() < 0.1 ? $"{text}; a man called {Name()} had visited" : text;
    }

    private List<PersonInput> Persons()
    {
        var persons = new List<PersonInput>();
        // Besides the case's persons: a person a friend named in a family item, and a step's person answer.
        foreach (var (role, chance) in new[] { ("finder", 0.6), ("reporting-person", 0.4), ("witness", 0.15), ("associate", 0.1),
            ("named by a friend in FI-1", 0.1), ("who reported the death", 0.1) })
        {
            if (_random.NextDouble() >= chance) continue;
            var name = Name();
            var phone = _random.NextDouble() < 0.7 ? $"07{_random.Next(100, 1000)} {_random.Next(100000, 1000000)}" : null;
            var email = _random.NextDouble() < 0.1 ? $"{name.Replace(' ', '.').ToLowerInvariant()}{_random.Next(1000)}@example.org" : null;
            var username = _random.NextDouble() < 0.05 ? $"user{_random.Next(10_000_000)}" : null;
            persons.Add(new PersonInput(name, role, phone, email, username));
        }
        return persons;
    }

    private string Name() => $"{FirstNames[_random.Next(FirstNames.Length)]} {Surnames[_random.Next(Surnames.Length)]}";

    private string Pick((string Value, double Weight)[] options) => options[PickIndex(options.Select(o => o.Weight).ToArray())].Value;

    private int PickIndex(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
