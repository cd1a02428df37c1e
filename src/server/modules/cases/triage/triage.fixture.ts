/**
 * Labelled messages for the triage test: realistic SMS in English, Kiswahili and Sheng (names and
 * places invented or public). `danger`: a person reading it would treat it as "someone is in danger
 * right now". Includes tricky negatives: past events, releases, follow-ups, "help" with no threat.
 */
export interface LabelledMessage {
  text: string;
  lang: 'en' | 'sw' | 'sheng';
  danger: boolean;
}

export const labelledMessages: readonly LabelledMessage[] = [
  // English, in danger now
  {
    lang: 'en',
    danger: true,
    text: 'Police are beating protesters at Kamukunji grounds right now, one is bleeding',
  },
  {
    lang: 'en',
    danger: true,
    text: 'My neighbour is being beaten by her husband in Kware, please send someone',
  },
  {
    lang: 'en',
    danger: true,
    text: 'Three men with pangas are outside my house in Mathare. I am hiding with my kids',
  },
  {
    lang: 'en',
    danger: true,
    text: 'URGENT: activist Otieno has been abducted by men in a white Probox at Kisumu bus park now',
  },
  {
    lang: 'en',
    danger: true,
    text: 'They arrested my brother an hour ago at Kayole and are refusing him a lawyer. Help now pls',
  },
  { lang: 'en', danger: true, text: 'Officers are shooting live bullets in Githurai 45 right now!!' },
  {
    lang: 'en',
    danger: true,
    text: 'Hello. My sister called me. Her husband is threatening to kill her tonight in Kibra.',
  },
  {
    lang: 'en',
    danger: true,
    text: 'A 12 year old girl was raped and the man is still in the compound, help us',
  },
  // English, not in danger now
  {
    lang: 'en',
    danger: false,
    text: 'My son was arrested last year at Kayole and released on bond. What happens at the court date?',
  },
  {
    lang: 'en',
    danger: false,
    text: 'I want to report that the chief keeps taking bribes for land letters in Ruiru',
  },
  {
    lang: 'en',
    danger: false,
    text: 'Following up on case UA-2026-00041, my cousin was released yesterday, thank you',
  },
  {
    lang: 'en',
    danger: false,
    text: 'Can you help me with a legal advice on an eviction notice from the county?',
  },
  {
    lang: 'en',
    danger: false,
    text: 'We held a training on safety for human rights defenders in Nakuru, we need more materials',
  },
  {
    lang: 'en',
    danger: false,
    text: 'The police killed my uncle in 2021 and nobody was charged. We still want justice',
  },
  {
    lang: 'en',
    danger: false,
    text: 'The teacher beat the pupils last week. The children are safe now at home',
  },
  // Kiswahili, in danger now
  {
    lang: 'sw',
    danger: true,
    text: 'Habari. Mume wa jirani yangu amelewa na anampiga sasa hivi huko Kawangware, tafadhali tumeni mtu.',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Mimi ni mama wa watoto watatu. Kuna wanaume wenye bunduki nje ya nyumba yangu saa hii.',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Polisi wamemkamata kijana wangu sasa hivi Mathare na wanampiga. Tusaidie!',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Mwanaharakati ametekwa na watu wasiojulikana hapa Eastleigh sasa, wamembeba kwa gari',
  },
  { lang: 'sw', danger: true, text: 'Tafadhali nisaidie, mume wangu anatishia kuniua na ameshika kisu' },
  {
    lang: 'sw',
    danger: true,
    text: 'Hali ni mbaya hapa Kisumu. Wanatupiga risasi tukiwa barabarani, watu wawili wamejeruhiwa',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Salamu. Nimekuja kuripoti. Msichana mdogo amebakwa na yule mtu bado yuko hapa, msaada haraka',
  },
  // Kiswahili, not in danger now
  {
    lang: 'sw',
    danger: false,
    text: 'Kaka yangu alikamatwa mwaka jana na ameachiliwa kwa dhamana. Kesi iko mahakamani',
  },
  { lang: 'sw', danger: false, text: 'Nafuatilia kesi ya mwanangu, je kuna habari yoyote? Asante' },
  { lang: 'sw', danger: false, text: 'Tunaomba mafunzo kuhusu haki za binadamu kwa vijana wa Kibera' },
  {
    lang: 'sw',
    danger: false,
    text: 'Hali ni ngumu hapa mtaani, bei ya unga imepanda sana. Serikali isaidie',
  },
  {
    lang: 'sw',
    danger: false,
    text: 'Mama yangu alipigwa na polisi wiki iliyopita, sasa yuko salama nyumbani',
  },
  { lang: 'sw', danger: false, text: 'Baba aliuawa na polisi zamani sana, tunataka haki tu' },
  // Sheng, in danger now
  {
    lang: 'sheng',
    danger: true,
    text: 'Makarao wamemnyaka msee wetu Githurai sai sai wanamchapa, tusaidieni',
  },
  {
    lang: 'sheng',
    danger: true,
    text: 'Bro kuna ma-gun men wako nje ya gate wanatutafuta, tunajificha kwa nyumba',
  },
  { lang: 'sheng', danger: true, text: 'Manzi wangu amechapwa na jamaa yake saii ako na damu, msaada fasta' },
  { lang: 'sheng', danger: true, text: 'Wasee wa GSU wanavamia mtaa Kayole sahii wakipiga risasi' },
  { lang: 'sheng', danger: true, text: 'Chali ametekwa na wasee wa Probox kwa stage ya Kangemi ivi sai' },
  // Sheng, not in danger now
  {
    lang: 'sheng',
    danger: false,
    text: 'Msee wangu alinyakwa na karao last month but ashatoka, ako fiti sasa',
  },
  { lang: 'sheng', danger: false, text: 'Niaje, nauliza tu kama mko na form ya kureport mambo ya landlord' },
  { lang: 'sheng', danger: false, text: 'Mtaa iko poa leo, hamna noma. Asanteni kwa ile workshop' },
  { lang: 'sheng', danger: false, text: 'Landlord ametuambia tuhame end month, tunaeza saidiwa aje?' },
];

/**
 * Written after the lexicon was frozen and never used to tune it: a held-out check that the numbers
 * above are not only the lexicon learning its own fixture. Reported separately, with a lower bar.
 */
export const heldOutMessages: readonly LabelledMessage[] = [
  {
    lang: 'en',
    danger: true,
    text: 'Pls come quickly, men have cornered a journalist at Kencom with rungus',
  },
  {
    lang: 'en',
    danger: true,
    text: 'My daughter was taken by two men in a car from school 20 minutes ago, we cannot find her',
  },
  {
    lang: 'en',
    danger: false,
    text: 'I was beaten by askaris in 2022 and still have pain. Can you refer me to a doctor?',
  },
  { lang: 'en', danger: false, text: 'Thank you for visiting the families in Mukuru. Everyone is fine.' },
  {
    lang: 'sw',
    danger: true,
    text: 'Askari wanawapiga vijana kwa rungu hapa Kondele saa hii, mmoja ameanguka',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Jirani yangu amefungiwa ndani na mume wake anamchoma kwa kisu, tumesikia akilia',
  },
  {
    lang: 'sw',
    danger: false,
    text: 'Mwanangu alipotea mwaka 2023 na hatujampata. Tunaomba msaada wa kisheria',
  },
  { lang: 'sw', danger: false, text: 'Tumepokea barua ya kuhamishwa kutoka kwa kaunti, tunahitaji ushauri' },
  { lang: 'sheng', danger: true, text: 'Ma-cops wamevamia base yetu Dandora saa hii wanashika kila msee' },
  {
    lang: 'sheng',
    danger: true,
    text: 'Fala mmoja ako na panga anafukuza wasee kwa plot, tuko ndani tumejifunga',
  },
  { lang: 'sheng', danger: false, text: 'Yule msee alishikwa na karao ameachiliwa jana, sasa ako home' },
  { lang: 'sheng', danger: false, text: 'Mambo, ni lini mtakuja kufanya ile meeting ya haki Kayole?' },
];

/**
 * A second held-out set, written in the next session before the lexicon was touched again (issue #15:
 * the first held-out set had been read while improving Kiswahili verb forms, so it joined the tuning set).
 * Measured once, after tuning; never used to tune.
 */
export const heldOutFresh: readonly LabelledMessage[] = [
  {
    lang: 'en',
    danger: true,
    text: "Guys from the DCI have surrounded my cousin's house in Kitengela and are breaking the door",
  },
  {
    lang: 'en',
    danger: true,
    text: 'A woman is lying on the road at Kaloleni after police hit her with a baton, she is not moving, come',
  },
  {
    lang: 'en',
    danger: true,
    text: "They have taken the aspirant's agent into a car without plates, just now outside the tallying centre",
  },
  {
    lang: 'en',
    danger: false,
    text: 'Last Tuesday the police teargassed our market. Nobody was hurt but traders lost goods.',
  },
  {
    lang: 'en',
    danger: false,
    text: 'Could you send me the number of the lawyer who helped my husband get bail?',
  },
  {
    lang: 'en',
    danger: false,
    text: 'My brother was released this morning from Capitol Hill police station, thank you all',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Watu wenye silaha wameingia kijijini wanachoma nyumba, tunakimbia sasa',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Mwanaharakati amechukuliwa na watu wasiojulikana dakika kumi zilizopita hapa Mombasa',
  },
  {
    lang: 'sw',
    danger: true,
    text: 'Mwalimu anamdhulumu mtoto kingono shuleni, mtoto yuko naye sasa hivi',
  },
  {
    lang: 'sw',
    danger: false,
    text: 'Tunaomba mafunzo kuhusu haki za wafungwa kwa vijana wa kikundi chetu',
  },
  {
    lang: 'sw',
    danger: false,
    text: 'Kesi ya mume wangu itasikilizwa mahakamani tarehe kumi, tunaomba wakili',
  },
  {
    lang: 'sw',
    danger: false,
    text: 'Polisi walimpiga mwanangu mwezi uliopita, sasa amepona ila tunataka haki',
  },
  {
    lang: 'sheng',
    danger: true,
    text: 'Mabeste wameshikwa na sanse sai sai hapa Githurai, wanawachapa vibaya',
  },
  {
    lang: 'sheng',
    danger: true,
    text: 'Kuna mabeshte wanne wamebebwa na gari ya DCI, hatujui wanapelekwa wapi, saidieni',
  },
  {
    lang: 'sheng',
    danger: true,
    text: 'Bro, karao ameshika bunduki anatishia kuua msee hapa base, kuja fasta',
  },
  { lang: 'sheng', danger: false, text: 'Ile kesi ya chali wangu imeisha, ameachiliwa, asanteni sana' },
  { lang: 'sheng', danger: false, text: 'Mnaeza tuma form ya kureport mambo ya kuhamishwa na county?' },
  { lang: 'sheng', danger: false, text: 'Jana tulikuwa na maandamano poa, hakuna mtu aliumia' },
];
