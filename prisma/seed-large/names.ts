// Made-up people for the large seed: first and last names from the backgrounds of a diverse
// South London borough. Earlier names in each list are picked more often (as with real name
// frequencies), so "Smith", "Jones" and "Williams" are common and fuzzy search has real work.

import { Rng, Weighted } from "./random";

type Background = {
  key: string;
  /** Share of the borough's residents (relative weight). */
  weight: number;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
  /** Ethnicity as recorded for equality monitoring (SafeLives categories), and whether minoritised. */
  ethnicities: readonly (readonly [label: string, minoritised: boolean])[];
};

const BACKGROUNDS: Background[] = [
  {
    key: "english",
    weight: 42,
    female: ["Sarah", "Emma", "Laura", "Rebecca", "Charlotte", "Hannah", "Sophie", "Jessica", "Amy", "Lucy", "Emily", "Claire", "Nicola", "Karen", "Susan", "Julie", "Lisa", "Michelle", "Tracey", "Joanne", "Helen", "Rachel", "Kelly", "Gemma", "Danielle", "Chloe", "Megan", "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Ella", "Lily", "Poppy", "Freya", "Evie", "Jade", "Stacey", "Leanne", "Kerry", "Natalie", "Zoe", "Abigail", "Katie", "Georgia", "Holly", "Paige", "Margaret", "Patricia", "Jean", "Sheila", "Pauline", "Janet", "Carol", "Brenda", "Sandra", "Denise", "Debbie", "Wendy", "Lorraine"],
    male: ["David", "James", "John", "Michael", "Paul", "Andrew", "Mark", "Richard", "Daniel", "Thomas", "Christopher", "Matthew", "Robert", "Steven", "Peter", "Stephen", "Lee", "Craig", "Gary", "Darren", "Wayne", "Dean", "Jason", "Kevin", "Simon", "Adam", "Luke", "Jack", "Harry", "George", "Oliver", "Charlie", "Jacob", "Alfie", "Freddie", "Archie", "Leo", "Oscar", "Joshua", "Ryan", "Liam", "Connor", "Callum", "Kieran", "Jordan", "Bradley", "Tyler", "Ben", "Sam", "Jake", "Ethan", "Lewis", "Nathan", "Scott", "Shaun", "Barry", "Keith", "Trevor", "Colin", "Graham", "Brian", "Terry", "Roy", "Dennis"],
    surnames: ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Wilson", "Johnson", "Robinson", "Wright", "Thompson", "White", "Walker", "Hughes", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "James", "Anderson", "Phillips", "Lee", "Bell", "Parker", "Davis", "Bennett", "Cook", "Shaw", "Carter", "Richardson", "Bailey", "Collins", "Marshall", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Holmes", "Palmer", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Dixon", "Fletcher", "Ellis", "Pearson", "Graham", "Harvey", "Howard", "Fox", "Reynolds", "Griffiths", "Lawrence", "Hart", "Saunders", "Gibson", "Stone", "Wells", "Sutton", "Hale", "Newman", "Ashworth", "Pike", "Kemp", "Baxter", "Foster", "Dawson", "Brooks", "Cole", "Adams", "Wilkins", "Nolan", "Denton", "Fowler", "Pritchard", "Whitfield", "Holloway", "Mercer", "Lambert", "Sharp", "Payne", "Bishop", "Dean", "Chambers", "Booth", "Hudson", "Kirby", "Hobbs", "Peacock", "Rowe"],
    ethnicities: [["White British", false]],
  },
  {
    key: "scottish-welsh",
    weight: 5,
    female: ["Fiona", "Eilidh", "Kirsty", "Morag", "Ailsa", "Catriona", "Rhiannon", "Carys", "Ffion", "Seren", "Bethan", "Cerys", "Megan", "Nia"],
    male: ["Alistair", "Angus", "Callum", "Euan", "Fraser", "Hamish", "Iain", "Ross", "Gareth", "Rhys", "Dylan", "Owen", "Emyr", "Huw", "Dafydd", "Aled"],
    surnames: ["Evans", "Thomas", "Roberts", "Jones", "Williams", "Davies", "Hughes", "Griffiths", "Morgan", "Owen", "Price", "Jenkins", "Powell", "Pritchard", "Campbell", "Stewart", "Robertson", "Macdonald", "Reid", "Murray", "Ross", "Fraser", "Kerr", "Paterson", "Henderson", "Mackenzie", "Ferguson", "McLean", "Sinclair", "Munro"],
    ethnicities: [["White British", false]],
  },
  {
    key: "irish",
    weight: 5,
    female: ["Siobhan", "Aoife", "Niamh", "Ciara", "Orla", "Roisin", "Sinead", "Maeve", "Bridget", "Mary", "Kathleen", "Eileen", "Grainne"],
    male: ["Sean", "Patrick", "Declan", "Cormac", "Eoin", "Liam", "Ciaran", "Niall", "Padraig", "Brendan", "Kevin", "Conor", "Darragh", "Michael"],
    surnames: ["Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Sullivan", "Walsh", "O'Connor", "McCarthy", "Doyle", "Gallagher", "Doherty", "Kennedy", "Lynch", "Murray", "Quinn", "Moore", "McLaughlin", "Carroll", "Connolly", "Daly", "O'Neill", "Brennan", "Burke", "Collins", "Nolan", "Flynn", "Docherty", "Fitzgerald", "Brady"],
    ethnicities: [["White Irish", false]],
  },
  {
    key: "south-asian",
    weight: 9,
    female: ["Priya", "Anjali", "Sunita", "Neha", "Pooja", "Kavita", "Aisha", "Fatima", "Ayesha", "Zainab", "Nadia", "Sana", "Amira", "Hina", "Rukhsana", "Shabana", "Yasmin", "Simran", "Harpreet", "Jaspreet", "Manpreet", "Rani", "Shreya", "Divya", "Farzana", "Nasreen", "Tahmina", "Shirin", "Anika"],
    male: ["Mohammed", "Muhammad", "Ahmed", "Ali", "Imran", "Hassan", "Bilal", "Zain", "Usman", "Faisal", "Tariq", "Amir", "Raj", "Rahul", "Arjun", "Vikram", "Sanjay", "Anil", "Deepak", "Harjit", "Gurpreet", "Jaswinder", "Kuldip", "Sunil", "Rohan", "Abdul", "Rashid", "Shahid", "Kamran", "Nabil", "Rafiq"],
    surnames: ["Patel", "Khan", "Ahmed", "Ali", "Hussain", "Begum", "Shah", "Singh", "Kaur", "Sharma", "Gupta", "Mistry", "Chauhan", "Rahman", "Islam", "Uddin", "Miah", "Akhtar", "Iqbal", "Malik", "Mahmood", "Chaudhry", "Bhatti", "Sandhu", "Gill", "Dhillon", "Sidhu", "Kumar", "Desai", "Joshi", "Mehta", "Raman", "Choudhury", "Hossain", "Siddiqui", "Qureshi"],
    ethnicities: [["Indian", true], ["Pakistani", true], ["Bangladeshi", true], ["Any other Asian background", true]],
  },
  {
    key: "black-african",
    weight: 11,
    female: ["Blessing", "Grace", "Chioma", "Ngozi", "Adaeze", "Funmilayo", "Folake", "Yetunde", "Abena", "Ama", "Akosua", "Efua", "Precious", "Joy", "Favour", "Esther", "Comfort", "Amina", "Hodan", "Faduma", "Naima", "Ayan", "Zara", "Temitope", "Tolu", "Nneka", "Chiamaka", "Adwoa"],
    male: ["Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Emeka", "Chinedu", "Obinna", "Chukwuma", "Oluwaseun", "Olumide", "Tunde", "Femi", "Segun", "Ade", "Tobi", "Samuel", "Daniel", "Emmanuel", "Joseph", "Michael", "Abdi", "Mohamed", "Hassan", "Ahmed", "Yusuf", "Abdirahman", "Ibrahim", "David", "Isaac"],
    surnames: ["Okafor", "Adeyemi", "Okoro", "Mensah", "Asante", "Owusu", "Boateng", "Osei", "Adebayo", "Okonkwo", "Eze", "Nwosu", "Obi", "Balogun", "Ogunleye", "Oyelaran", "Adeleke", "Afolabi", "Akinola", "Bello", "Danso", "Appiah", "Amoah", "Agyeman", "Ofori", "Yusuf", "Mohamed", "Abdi", "Ali", "Hassan", "Farah", "Warsame", "Jama", "Ibrahim", "Kamara", "Sesay", "Conteh", "Bangura"],
    ethnicities: [["Black African", true]],
  },
  {
    key: "black-caribbean",
    weight: 7,
    female: ["Shanice", "Keisha", "Tanisha", "Marcia", "Beverley", "Paulette", "Sonia", "Jasmine", "Aaliyah", "Tiana", "Kayla", "Chantelle", "Monique", "Nadine", "Janelle", "Simone", "Alicia", "Nia"],
    male: ["Winston", "Delroy", "Leroy", "Errol", "Clive", "Marlon", "Andre", "Jermaine", "Tyrone", "Dwayne", "Kyle", "Jamal", "Malik", "Rashad", "Kemar", "Devon", "Leon", "Jaden", "Tyrese", "Reuben", "Nathaniel", "Curtis"],
    surnames: ["Campbell", "Williams", "Brown", "Thomas", "Johnson", "Francis", "Grant", "Henry", "Clarke", "Reid", "Richards", "Morgan", "Lewis", "Edwards", "Bailey", "Gordon", "Forbes", "Samuels", "Gayle", "Bryan", "Ellis", "Stewart", "Douglas", "Wright", "Graham", "Spencer", "Powell", "Simpson", "Barrett", "Miller", "Hinds", "Beckford"],
    ethnicities: [["Black Caribbean", true], ["Mixed White and Black Caribbean", true]],
  },
  {
    key: "polish-eastern-european",
    weight: 6,
    female: ["Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna", "Monika", "Ewa", "Zofia", "Natalia", "Aleksandra", "Ioana", "Elena", "Andreea", "Irina", "Daria", "Oksana", "Kristina", "Lina"],
    male: ["Tomasz", "Piotr", "Krzysztof", "Marek", "Pawel", "Jakub", "Lukasz", "Michal", "Marcin", "Andrzej", "Ionut", "Andrei", "Mihai", "Florin", "Vasile", "Darius", "Mantas", "Tadas", "Oleksandr", "Dmytro"],
    surnames: ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak", "Dabrowski", "Mazur", "Krawczyk", "Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Kazlauskas", "Petrauskas", "Jankauskas", "Shevchenko", "Kovalenko", "Bondarenko", "Horvath", "Novak"],
    ethnicities: [["White Other", false]],
  },
  {
    key: "turkish-kurdish-cypriot",
    weight: 3,
    female: ["Elif", "Zeynep", "Ayse", "Fatma", "Emine", "Merve", "Esra", "Derya", "Sevgi", "Melek", "Hatice", "Gul"],
    male: ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hasan", "Huseyin", "Ibrahim", "Kemal", "Emre", "Burak", "Murat", "Serkan", "Can", "Deniz", "Baran"],
    surnames: ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Arslan", "Dogan", "Kilic", "Aslan", "Ozturk", "Aydin", "Ozdemir", "Erdogan", "Koc", "Polat", "Georgiou", "Christodoulou", "Ioannou"],
    ethnicities: [["White Other", false], ["Any other ethnic group", true]],
  },
  {
    key: "east-asian",
    weight: 4,
    female: ["Mei", "Li", "Xin", "Yan", "Hui", "Jia", "Ying", "Linh", "Thu", "Lan", "Mai", "Hana", "Yuki", "Ji-woo"],
    male: ["Wei", "Jun", "Hao", "Ming", "Chen", "Jian", "Kai", "Minh", "Duc", "Tuan", "Hiroshi", "Kenji", "Min-jun", "Jae"],
    surnames: ["Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Chan", "Lam", "Cheung", "Ng", "Ho", "Lin", "Huang", "Nguyen", "Tran", "Le", "Pham", "Kim", "Park", "Lee", "Tanaka", "Sato"],
    ethnicities: [["Chinese", true], ["Any other Asian background", true]],
  },
  {
    key: "portuguese-spanish-latin",
    weight: 4,
    female: ["Ana", "Maria", "Beatriz", "Ines", "Sofia", "Carla", "Lucia", "Marta", "Rosa", "Camila", "Valentina", "Daniela", "Gabriela"],
    male: ["Joao", "Pedro", "Tiago", "Rui", "Carlos", "Miguel", "Jose", "Diego", "Luis", "Javier", "Mateus", "Rafael", "Bruno", "Andres"],
    surnames: ["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Rodrigues", "Martins", "Fernandes", "Goncalves", "Gomes", "Lopes", "Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gonzalez", "Ramirez", "Torres", "Rojas", "Vargas"],
    ethnicities: [["White Other", false], ["Latin American", true]],
  },
  {
    key: "arabic-middle-eastern",
    weight: 3,
    female: ["Layla", "Noor", "Mariam", "Rania", "Huda", "Samira", "Dalia", "Leila", "Reem", "Salma"],
    male: ["Omar", "Khalid", "Youssef", "Karim", "Tarek", "Samir", "Walid", "Hamza", "Bilal", "Ziad", "Reza", "Dariush"],
    surnames: ["Al-Sayed", "Haddad", "Khalil", "Mansour", "Nasser", "Hamdan", "Saleh", "Aziz", "Rahimi", "Hosseini", "Karimi", "Mahmoud", "Osman", "Khalid"],
    ethnicities: [["Arab", true], ["Any other ethnic group", true]],
  },
];

/** Familiar forms, used for aliases ("Gaz Wilkins" for Gary Wilkins). */
const NICKNAMES: Record<string, readonly string[]> = {
  Gary: ["Gaz"], Barry: ["Baz"], Darren: ["Daz"], Sharon: ["Shaz"], Michael: ["Mick", "Mikey"], Christopher: ["Chris", "Kit"],
  Daniel: ["Danny", "Dan"], Thomas: ["Tommy", "Tom"], James: ["Jim", "Jimmy", "Jamie"], Robert: ["Bob", "Rob", "Robbie"],
  Richard: ["Rich", "Ricky", "Dick"], William: ["Bill", "Billy", "Will"], Stephen: ["Steve", "Stevie"], Steven: ["Steve"],
  Anthony: ["Tony", "Ant"], Joseph: ["Joe", "Joey"], Matthew: ["Matt"], Andrew: ["Andy", "Drew"], Nicholas: ["Nick"],
  Jonathan: ["Jon", "Jonny"], Benjamin: ["Ben"], Samuel: ["Sam", "Sammy"], Alexander: ["Alex"], Kevin: ["Kev"], Terry: ["Tel"],
  Margaret: ["Maggie", "Peggy"], Patricia: ["Pat", "Trish"], Elizabeth: ["Liz", "Beth"], Jessica: ["Jess"], Rebecca: ["Becky", "Becca"],
  Samantha: ["Sam"], Nicola: ["Nicky"], Victoria: ["Vicky"], Kathleen: ["Kath", "Katie"], Susan: ["Sue"], Deborah: ["Debbie"],
  Katarzyna: ["Kasia"], Aleksandra: ["Ola"], Oluwaseun: ["Seun"], Temitope: ["Tope"], Mohammed: ["Mo"], Muhammad: ["Mo"],
  Abdirahman: ["Abdi"], Padraig: ["Paddy"], Patrick: ["Paddy", "Pat"], Sean: ["Shaun"], Jermaine: ["Jay"], Tyrone: ["Ty"],
  Delroy: ["Del"], Leroy: ["Roy"], Callum: ["Cal"], Connor: ["Con"], Joshua: ["Josh"], Bradley: ["Brad"], Jordan: ["Jord"],
};

/** Common respellings, used for aliases ("Docherty" for Doherty) and so also met by fuzzy search. */
const RESPELLINGS: Record<string, string> = {
  Smith: "Smyth", Thompson: "Thomson", Clarke: "Clark", Clark: "Clarke", Doherty: "Docherty", Docherty: "Doherty",
  Davies: "Davis", Davis: "Davies", Philips: "Phillips", Phillips: "Philips", Johnson: "Johnston", Reid: "Reed",
  Gray: "Grey", Brown: "Browne", Green: "Greene", Hussain: "Hussein", Mohammed: "Muhammad", Ahmed: "Ahmad",
  Macdonald: "McDonald", Stewart: "Stuart", Murphy: "Murphie", Yilmaz: "Yilmas", Nowak: "Novak", Chaudhry: "Choudhury",
  Begum: "Bibi", Okafor: "Okafur", Mensah: "Mensa", Khan: "Kahn", Lewis: "Louis", Wright: "Wight", Baker: "Backer",
};

export type PersonName = {
  first: string;
  last: string;
  ethnicity: string;
  minoritised: boolean;
  aliases: { first: string | null; last: string }[];
};

/** Zipf-like weights: the item at rank r gets weight 1 / (r + 4)^s. */
function zipf<T>(items: readonly T[], s: number): Weighted<T> {
  return new Weighted(items.map((item, rank) => [item, 1 / Math.pow(rank + 4, s)] as const));
}

type PreparedBackground = Background & { femaleW: Weighted<string>; maleW: Weighted<string>; surnameW: Weighted<string> };

export class NameGenerator {
  private readonly backgrounds: Weighted<PreparedBackground>;

  constructor() {
    this.backgrounds = new Weighted(
      BACKGROUNDS.map((b) => [{ ...b, femaleW: zipf(b.female, 0.7), maleW: zipf(b.male, 0.7), surnameW: zipf(b.surnames, 1.1) }, b.weight] as const),
    );
  }

  make(rng: Rng, gender: "FEMALE" | "MALE" | "OTHER"): PersonName {
    const background = this.backgrounds.pick(rng);
    // A family name from another background now and then (marriage, mixed heritage).
    const surnameFrom = rng.chance(0.12) ? this.backgrounds.pick(rng) : background;
    const female = gender === "FEMALE" || (gender === "OTHER" && rng.chance(0.5));
    const first = (female ? background.femaleW : background.maleW).pick(rng);
    const last = surnameFrom.surnameW.pick(rng);
    const [ethnicity, minoritised] = rng.pick(background.ethnicities);
    const aliases: PersonName["aliases"] = [];
    if (rng.chance(0.05)) {
      const count = rng.chance(0.8) ? 1 : 2;
      for (let i = 0; i < count; i++) {
        const alias = this.alias(rng, first, last, female);
        const same = (x: { first: string | null; last: string }) => x.first === alias.first && x.last === alias.last;
        if (!(alias.first === first && alias.last === last) && !aliases.some(same)) aliases.push(alias);
      }
    }
    return { first, last, ethnicity, minoritised, aliases };
  }

  private alias(rng: Rng, first: string, last: string, female: boolean): { first: string | null; last: string } {
    const nick = NICKNAMES[first];
    const respelt = RESPELLINGS[last];
    const roll = rng.next();
    if (nick && roll < 0.4) return { first: rng.pick(nick), last };
    if (respelt && roll < 0.65) return { first, last: respelt };
    if (female && roll < 0.85) return { first, last: this.backgrounds.pick(rng).surnameW.pick(rng) }; // previous married name
    // A street name: just a surname-like nickname.
    return { first: null, last: rng.pick(STREET_NAMES) };
  }
}

const STREET_NAMES = ["Smudge", "Tiny", "Lefty", "Spider", "Ghost", "Snoop", "Biggs", "Skinny", "Red", "Blue", "Jokes", "Scrappy", "Sparks", "Bones", "Dutch"];
