"""Word lists of the recognizer: titles, cues, heads of organization and place names, and capitalized words that
are not names. Written for diplomatic documents of 1945–1991 (Soviet, East European, East Asian, US papers).

All entries are lower case; lookups fold case and strip a final dot."""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in s.split() if w.strip())


# Forms of address and titles before a person's name ("Comrade X", "Ambassador X", "Premier X").
HONORIFICS = _words("""
comrade comrades cde cdes com coms comr comrs tov tovarishch mr mrs ms messrs mister madame mme monsieur herr
frau sir lady lord dr prof professor citizen dear
""")
TITLES = _words("""
ambassador ambassadors premier premiers chairman chairwoman president presidents secretary general generals marshal
minister ministers chancellor counsellor counselor consul consul-general attache attaché charge chargé envoy
admiral colonel col lieutenant lt major maj captain capt sergeant commander commissar senator congressman governor
king queen prince princess emperor pope cardinal bishop father mayor judge justice director deputy vice first
prime foreign defence defense leader leaders chief head adviser advisor aide academician engineer comandante
das dcm member permrep
secretary-general generalissimo kommandant commander-in-chief supreme amb dep fornmin gen adm sen gov pres sec
secy min sgt cmdr cdr insp supt hetman brigadier rear commissioner delegate representative
majesty majesties excellency excellencies highness holiness eminence
""")
# plural honorifics introduce a list of persons ("Cdes. Khrushchev, Malinovsky and Kuznetsov")
PLURAL_HONORIFICS = _words("comrades cdes coms comrs messrs gentlemen")

# Words that introduce a list of participants (rest of the line or paragraph is a list of persons).
PARTICIPANT_CUES = (
    "present", "present were", "also present", "present at the meeting", "attended by", "in attendance",
    "participants", "participating", "in the chair", "chaired by", "those present", "taking part",
    "at the meeting were also present", "the following were present",
)

# Verbs that make the word before them a person ("Tsedenbal said", "Kohl stressed").
SPEECH_VERBS = _words("""
said says say stated states stressed stresses noted notes remarked remarks replied replies answered answers asked
asks declared declares added adds emphasized emphasised underlined explained explains agreed agrees expressed
expresses informed informs told tells promised promises proposed proposes suggested suggests reported reports
responded responds continued continues thinks thought believes believed recalled recalls observed observes
objected objects insisted insists urged urges warned warns announced announces requested requests inquired
mentioned mentions commented comments confirmed confirms wrote writes spoke speaks met meets received receives
visited visits welcomed welcomes thanked thanks assured assures pointed raised raises conveyed conveys passed
handed hands greeted greets listened indicated indicates acknowledged admitted repeated reiterated praised
criticized criticised complained hoped wished wishes wants wanted refused refuses accepted accepts agreed
invited invites himself herself personally decided decides followed follows approached approaches demanded
demands rejected rejects sought seeks tried tries considered considers feared fears claimed claims denied denies
ordered orders signed signs launched replied translated interpreted
""")
# Words before "to"/"from" that make the next name a person ("a letter to X", "talked to X").
TO_PERSON = _words("""
letter letters message messages telegram telegrams cable cables note notes report reports talked talk spoke speak
said say wrote write sent send reply replied turned appeal appealed addressed greetings regards thanks grateful
explained introduced proposal request instructions instruction answer memorandum conveyed passed handed
accompanied followed joined replaced chaired headed led signed approved attended succeeded conversation meet meets
conversations talks meeting meetings met discussion discussions negotiations interview audience
""")
# Prepositions after which a capitalized word is a place ("in Hanoi", "from Pyongyang").
PLACE_PREPS = _words("in at near into across towards toward via inside outside throughout")
MOTION_TO = _words("""
went go goes going come came coming travel travelled traveled traveling travelling return returned returning
returns arrive arrived flew fly flying trip trips journey visit visits visited way road route moved move
transferred sent delegation delegations embassy ambassador ambassadors mission railway railroad border troops
exports export imports deliveries delivery shipment shipments access withdrawal invasion envoy consul
""")

# Head words of organization names ("Central Committee", "Ministry of Foreign Affairs", "Workers' Party").
ORG_HEADS = _words("""
committee committees party parties ministry ministries council councils politburo presidium bureau agency army
armies navy government governments embassy embassies department departments directorate directorates commission
commissions secretariat organization organisation organizations assembly academy institute foundation university
front league corps command staff pact bank office service services congress parliament senate cabinet
legation consulate mission command headquarters soviet soviets tribunal court union unions federation
association society company corporation trust alliance movement brigade division regiment fleet guard
directorate administration inspectorate procuracy prosecutor's procuratorate archive archives library
kombinat sovnarkom comintern cominform volunteers forces group groups nations desk brotherhood chancellery
chancery
""")
# Head words of place names ("Liaodong Peninsula", "Yalu River", "Socialist Republic of Romania").
PLACE_HEADS = _words("""
republic kingdom province provinces region oblast krai kray district county prefecture river sea ocean gulf
bay strait straits peninsula island islands mountains mountain lake valley desert plateau city square street
avenue palace airport harbour harbor port station canal pass parallel border-crossing
""")

# Acronyms that name organizations and states.
ORG_ACRONYMS = _words("""
cc cp cpsu vkp(b) vkp pla ccp cpc kwp wpk wpv vwp mprp sed pcr puwp pzpr kpd spd cdu csu fdp ksc kscs bcp hswp
mszmp sfry? nato seato cento un unc uno kgb nkvd nkgb mgb mvd gru mfa mid tass cia nsc fbi kpa cpv gmd kmt dvo
comecon cmea oas asean eec plo mpla anc swapo iaea unesco unrra unscob uncurk skwp nkwp cvp rwp ncna xinhua
apn gosplan glavpur minoborony gkes gkehs giu mno pcf pci kke kpo sedp cnt pkp psuc fsln frelimo paigc zanu
zapu nlf prg wto rgani rgaspi avprf aprf tskhsd garf rgae rgva tsamo rtskhidni nara sapmo barch
amvnr mnovr mol aan pfma fma usia cfm goi iro usg inr usom acda jcs kpcz kscz cpcz kpsz wfdy wftu dfld fao who imf ibrd osce csce nnsc nnrc mac cinc cincunc unc ussr-mfa
""".replace("?", ""))
PLACE_ACRONYMS = _words("""
ussr us usa uk gdr frg ddr brd prc dprk rok drv mpr srv nvn svn cssr čssr sfrj sfry prk nrb prp rsfsr ussr's roc
""")
COUNTRY_ACRONYMS = PLACE_ACRONYMS

# Countries, regions and cities commonly named in the documents (recognized as places wherever written
# capitalized; they are NOT authority entries: they stay unreconciled unless an authority file lists them).
PLACES = _words("""
afghanistan albania algeria angola argentina armenia australia austria azerbaijan bangladesh belgium belorussia
byelorussia belarus benin bolivia brazil bulgaria burma cambodia kampuchea cameroon canada chile china colombia
congo cuba cyprus czechoslovakia denmark egypt ethiopia finland france georgia germany ghana greece guatemala
guinea hungary iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya korea kuwait
laos latvia lebanon libya lithuania luxembourg madagascar malaysia mali manchuria mexico moldavia moldova mongolia
morocco mozambique namibia nepal netherlands holland nicaragua nigeria norway pakistan palestine panama peru
philippines poland portugal romania rumania russia saudi senegal singapore somalia spain sudan sweden switzerland
syria taiwan formosa tanzania thailand tibet tunisia turkey uganda ukraine uruguay venezuela vietnam yemen
yugoslavia zambia zimbabwe estonia kirghizia kyrgyzstan tajikistan turkmenistan uzbekistan xinjiang sinkiang
europe asia africa america americas antarctica siberia indochina grenada jamaica haiti honduras salvador
ecuador paraguay zaire rhodesia botswana lesotho uruguay britain england scotland wales crimea caucasus
balkans carpathians urals scandinavia bavaria prussia saxony silesia bohemia moravia slovakia transylvania
moscow leningrad petrograd stalingrad kiev kyiv minsk riga tallinn vilnius tbilisi yerevan baku tashkent alma-ata
almaty frunze vladivostok khabarovsk irkutsk novosibirsk sverdlovsk murmansk odessa sevastopol yalta potsdam
berlin bonn warsaw prague budapest bucharest sofia belgrade tirana vienna helsinki stockholm oslo copenhagen
paris london rome madrid lisbon geneva brussels athens ankara istanbul tehran kabul baghdad damascus beirut
cairo tripoli algiers jerusalem tel-aviv amman riyadh delhi new-delhi karachi islamabad kathmandu colombo rangoon
hanoi saigon haiphong vientiane phnom penh bangkok jakarta manila tokyo osaka kyoto beijing peking peiping
nanjing nanking shanghai guangzhou canton wuhan chongqing chungking harbin mukden shenyang dalian dairen
lushun tianjin tientsin yan'an yenan urumqi urumchi lanzhou hami kashgar lhasa kunming hong kong macao
ulaanbaatar ulan-bator zamyn-uud pyongyang seoul pusan busan inchon incheon kaesong wonsan hamhung sinuiju panmunjom
taipei havana santiago washington new-york york chicago ottawa mexico-city caracas bogota lima brasilia
buenos aires montevideo managua addis ababa luanda maputo nairobi dar es salaam lagos accra conakry dakar
pacific atlantic arctic baltic mediterranean caribbean adriatic
kremlin zhongnanhai beidaihe malta reykjavik helsinki camp-david geneva bucharest timisoara gdansk danzig
katowice krakow leipzig dresden hamburg munich frankfurt stuttgart cologne danang da-nang hue
zagreb ljubljana sarajevo skopje split trieste fiume rijeka venice milan naples florence turin marseille lyon
amsterdam rotterdam antwerp zurich bern basel salzburg innsbruck graz bratislava brno kosice debrecen szeged
lublin poznan wroclaw lodz szczecin plovdiv varna constanta cluj iasi odessa lvov lviv kharkov kharkiv
volgograd gorky nizhny kazan samara kuibyshev ufa perm omsk tomsk chita ulan-ude yakutsk magadan kamchatka
sakhalin kuriles hokkaido okinawa nagasaki hiroshima yokohama kobe
djibouti eritrea ogaden tigray chad niger mauritania gabon togo gambia liberia burundi rwanda malawi swaziland
comoros seychelles mauritius guinea-bissau biafra katanga zanzibar tanganyika dahomey sahara nyasaland basutoland
bechuanaland kurdistan punjab kashmir bengal assam sikkim bhutan maldives ceylon brunei oman qatar bahrain aden
sinai gaza golan belize trinidad tobago guyana suriname barbados bahamas dominica nauru fiji samoa tonga
mogadishu hargeisa asmara khartoum kinshasa leopoldville brazzaville lusaka harare salisbury kampala kigali
bujumbura lilongwe gaborone windhoek pretoria johannesburg soweto durban abidjan bamako niamey ouagadougou
nouakchott monrovia freetown banjul bissau lome cotonou libreville yaounde douala ndjamena bangui malabo
antananarivo tananarive rabat casablanca tunis benghazi alexandria aswan suez sanaa muscat doha manama dubai
basra mosul kirkuk tabriz isfahan shiraz mashhad herat kandahar jalalabad peshawar lahore rawalpindi quetta
dacca dhaka chittagong calcutta kolkata bombay mumbai madras chennai bangalore quito asuncion paramaribo
tegucigalpa recife cordoba rosario valparaiso medellin maracaibo monterrey guadalajara veracruz luanda huambo
benguela cabinda lubango beira nampula zambezi limpopo cunene
""")
# Multi-word places (matched as token sequences).
PLACE_PHRASES = (
    "soviet union", "united states", "united states of america", "united kingdom", "great britain",
    "north korea", "south korea", "north vietnam", "south vietnam", "east germany", "west germany",
    "inner mongolia", "outer mongolia", "east turkestan", "far east", "middle east", "near east",
    "eastern europe", "western europe", "central asia", "southeast asia", "south east asia", "latin america",
    "west berlin", "east berlin", "hong kong", "new york", "new delhi", "ulan bator", "port arthur", "phnom penh",
    "buenos aires", "addis ababa", "dar es salaam", "tel aviv", "sri lanka", "saudi arabia", "el salvador",
    "costa rica", "ivory coast", "south africa", "south yemen", "north yemen", "persian gulf", "taiwan strait",
    "korean peninsula", "liaodong peninsula", "yalu river", "38th parallel", "playa giron", "bay of pigs",
    "people's republic of china", "democratic people's republic of korea", "republic of korea",
    "mongolian people's republic", "german democratic republic", "federal republic of germany",
    "democratic republic of vietnam", "socialist republic of romania", "czechoslovak socialist republic",
    "polish people's republic", "hungarian people's republic", "people's republic of bulgaria",
    "union of soviet socialist republics", "white house", "camp david", "governor's island", "giron beach",
    "horn of africa", "sierra leone", "cape verde", "equatorial guinea", "central african republic", "upper volta",
    "burkina faso", "western sahara", "sao tome", "cape town", "port said", "abu dhabi", "united arab emirates",
    "gaza strip", "west bank", "golan heights", "dominican republic", "puerto rico", "la paz", "rio de janeiro",
    "sao paulo", "san jose", "san salvador", "santo domingo", "port-au-prince", "guatemala city",
    "panama canal", "suez canal", "straits of tiran", "strait of hormuz", "persian gulf", "red sea",
)

# Adjectives and names of peoples: never a person, place or organization by themselves.
DEMONYMS = _words("""
soviet soviets chinese korean koreans american americans cuban cubans romanian romanians mongolian mongolians
mongol mongols vietnamese german germans polish pole poles hungarian hungarians czech czechs czechoslovak slovak
bulgarian bulgarians albanian albanians yugoslav yugoslavs japanese british english french italian italians
indian indians afghan afghans iranian iranians persian turkish turks arab arabs arabic israeli israelis jewish
jews western westerners eastern northern southern european europeans asian asians african africans russian
russians ukrainian ukrainians georgian georgians armenian armenians azerbaijani uzbek kazakh tibetan tibetans
uighur uighurs uyghur manchurian laotian lao cambodian cambodians khmer thai burmese indonesian filipino
egyptian egyptians syrian syrians iraqi iraqis ethiopian somali angolan nicaraguan chilean mexican canadian
canadians australian swedish finnish norwegian danish dutch belgian swiss austrian austrians greek greeks
spanish portuguese latin anglo-american sino sino-soviet soviet-american east-west north-south latvian
lithuanian estonian belorussian byelorussian moldavian tatar tatars kurd kurds pakistani bangladeshi nepali
communist communists socialist socialists marxist marxists leninist stalinist maoist trotskyist revisionist
revisionists imperialist imperialists capitalist capitalists bolshevik bolsheviks menshevik democrat democrats
republican republicans nationalist nationalists christian muslim muslims buddhist catholic orthodox protestant
slavic slav slavs oriental occidental atlantic pacific baltic balkan scandinavian caucasian
argentine argentines argentinian argentinians brazilian brazilians peruvian peruvians bolivian bolivians
colombian colombians venezuelan venezuelans uruguayan paraguayan ecuadorian guatemalan salvadoran honduran
panamanian dominican haitian jamaican chileans mexicans nicaraguans angolans mozambican mozambicans
ethiopians somalis eritrean eritreans sudanese kenyan kenyans tanzanian tanzanians ugandan zambian zimbabwean
rhodesian namibian congolese zairian nigerian nigerians ghanaian guinean senegalese malian algerian algerians
moroccan moroccans tunisian libyan libyans yemeni yemenis saudi saudis jordanian jordanians lebanese palestinian
palestinians kuwaiti omani qatari emirati bahraini turkmen tajik kyrgyz kirghiz pakistanis bangladeshis
nepalese sri lankan ceylonese burmans malaysian singaporean vietnamese koreans mongolians tibetans
""")

# Capitalized words that are not names by themselves (sentence starts, headings, document vocabulary).
COMMON = _words("""
affairs relations industry wire wires residence visit visits
a an the this that these those there here then than thus so such some any all each every both either neither
no not nor none yes ok and or but if when while where whereas whether which who whom whose what why how
after before during since until till upon about above across against along among around as at behind below
beneath beside besides between beyond by despite down for from in inside into like near of off on onto out
outside over past per regarding through throughout to toward towards under unlike up via with within without
i we you he she it they me us him her them my our your his its their mine ours yours theirs one two three
four five six seven eight nine ten eleven twelve first second third fourth fifth last next other another
many much more most few less least several own same new old great big small large good bad best better
high low long short early late whole full half only also even just still yet already again always never
often sometimes today tomorrow yesterday now later soon once twice
january february march april may june july august september october november december jan feb mar apr jun
jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
is are was were be been being am do does did done have has had having will would shall should can could
might must let lets let's please thank thanks dear yours sincerely respectfully faithfully regards
memorandum memorandums memoranda conversation conversations record records minutes transcript transcripts
summary note notes report reports letter letters telegram telegrams cable cables cipher ciphered coded draft
message messages meeting meetings talks discussion discussions diary journal journals excerpt excerpts
fragment fragments document documents documentation information informations source sources citation rights
original translation translated translator interpreter notetaker uploaded record id classification
top secret strictly confidential urgent personal special file copy copies only working attachment enclosure
annex appendix subject ref refs reference references summary end begin text page pages vol volume no nos
number numbers item items point points paragraph part section chapter article contents content scan
digital archive history international declassified program programme project
question questions issue issues problem problems matter matters situation situations decision decisions
resolution resolutions decree decrees protocol protocols agreement agreements treaty treaties declaration
statement statements proposal proposals plan plans program programs policy policies line lines position
war wars cold peace revolution revolutions crisis crises leap forward movement campaign campaigns conference
conferences plenum plenums session sessions summit summits congress congresses day days year years month
months week weeks time times period periods century era age morning afternoon evening night noon midnight
hour hours minute minutes
government state states country countries nation people peoples party parties army side sides
comrade comrades leadership leader leaders friends friend enemy enemies delegation delegations
north south east west northern southern eastern western central middle upper lower
socialism communism capitalism imperialism marxism leninism marxism-leninism revisionism nationalism
perestroika perestroyka glasnost détente detente
confidential entire entirely approved approve accepted secret-special supplement supplementary outgoing incoming
incoming received sent signed signature stamp seal handwritten illegible deleted omitted
also however therefore moreover furthermore meanwhile nevertheless indeed certainly perhaps probably
according concerning considering including excluding following preceding regarding respecting
see cf ibid op cit pp vs etc re attn encl
english russian chinese korean german french html pdf url http https www email protected
cwihp nsa hppp cwihp's correspondent correspondents press newspaper newspapers radio television tv
please note warning important attention notice
present presence attended attending attendance participants participant enclosed chaired chair very well
sincerely truly yes no okay mutual greetings after
god lord
""".replace("?", ""))

# Capital-letter words and phrases that are never names (headings, markup, stamps, site words).
CAPS_NOT_NAMES = _words("""
html htm pdf url http https www cwihp hppp nsa correspondent correspondents top secret special file copy only
urgent personal strictly confidential memorandum conversation record minutes transcript telegram cable cipher
ciphered draft note report letter summary source citation original classification archive digital declassified
international history document information rights end text begin annex appendix attachment enclosure ref refs
subject no nos ok ps p.s. re attn encl ii iii iv vi vii viii ix xi xii xiii xiv xv xx op cit eng rus
fond opis delo list lists ll folio folios papka por f d op
sh ss sss am pm a.m p.m gmt utc msk
""")

# Words of the archive site's own navigation, buttons and search forms ("ADD SEARCH FILTER CANCEL SEARCH FILTER",
# "CITATION SHARE DOWNLOAD"): a run in capitals made of them only is the page's furniture, never a name.
SITE_WORDS = _words("""
add remove search filter filters cancel apply clear reset submit results result sort share download downloads
print email cite view show hide menu login logout register subscribe donate browse home skip content close open
next previous prev back more less page pages go help contact collections collection export
""")

# Labels of a form's fields at the start of a line ("Level: Secret", "Location: Havana"): never a speaker.
FIELD_LABELS = _words("""
level location place venue site date time day hour duration subject topic topics agenda purpose classification
security copy copies number type language source sources rights distribution addressee addressees recipient
recipients sender attendees present participants participation interpreter interpreters note notes remarks
status priority precedence category reference file series period origin destination format pages length
primary title wire drafted approved tags refs ref summary action info fm exdis nodis limdis sensitive eyes
results citation contents
""")
# Titles that are also common adjectives or nouns: in a text in capitals ("GENERAL PROGRESS", "FIRST STEP") they
# are no cue by themselves
WEAK_TITLES = _words("""
general first deputy chief head leader supreme vice prime foreign defence defense major father justice judge
king queen prince lord sir dear rear representative delegate engineer director leaders
""")
# nouns naming a class of places: a list after "cities like ...", "towns such as ..." names places
PLACE_CLASS_NOUNS = _words("""
cities city towns town villages village provinces province regions region districts ports countries capitals
islands republics states
""")

# Words that may open an organization's name although they are common words ("Central Committee").
ORG_MODIFIERS = _words("""
central supreme general state foreign national international main political military special executive standing
first second third joint high people's people security revolutionary democratic socialist workers workers'
permanent provisional great new united federal public economic internal external defense defence interior
home finance trade labor labour justice agriculture culture education health industry planning party
communist presidential royal imperial chief higher soviet
""")

# Given names: a capitalized word after one of these is a person's family name.
GIVEN_NAMES = _words("""
jan mikhail nikolai nikolay leonid yuri yury iurii andrei andrey anastas nikita vyacheslav viacheslav kliment lazar
lavrenti lavrentiy georgy georgi georgii georgiy aleksandr alexander alexandr aleksei alexei alexey sergei sergey
dmitri dmitry dmitrii ivan vasily vasilii vasili pavel konstantin viktor victor boris eduard anatoly anatoliy
anatolii vadim yegor egor valentin vladimir vladislav gennady gennadi oleg petr pyotr peter semyon semen stepan
fyodor fedor grigory grigori efim yefim arkady ilya igor roman yakov iakov terenty terenti ivan ivanovich
erich helmut egon walter willi willy hans heinz kurt otto hermann klaus karl franz josef joseph gustav gustáv
alexander ludvik ludvík antonin antonín klement edvard milos miloš vasil todor petar petur georgi janos jános
imre matyas mátyás laszlo lászló karoly károly jozsef józsef wladyslaw władysław wojciech edward stanislaw
stanisław lech tadeusz zbigniew jerzy bronislaw mieczyslaw nicolae elena ion ioan gheorghe emil constantin
chivu ilie silviu corneliu enver mehmet ramiz josip edvard milovan tito fidel raul raúl ernesto osvaldo oswaldo
carlos emilio blas vilma che salvador augusto daniel humberto jimmy ronald richard george james john robert
henry dean lyndon dwight harry franklin gerald william thomas charles edward david michael paul frank joseph
jack colin kenneth nelson dimitri rozanne margaret winston anthony harold clement francois françois charles
valery jacques helmut hans-dietrich indira jawaharlal rajiv zulfikar anwar gamal hosni yasser saddam hafez
muammar ayatollah mohammad mohammed muhammad ahmad ahmed ali hassan hussein abdul babrak nur hafizullah
najibullah sukarno suharto norodom ferdinand lee yumjaagiin yumjaagiyn dondogiin
""".replace("?", ""))

# Family names that come first in East Asian names ("Kim Il Sung", "Zhou Enlai", "Pham Van Dong").
ASIAN_SURNAMES = _words("""
kim pak park ri li lee yi choe choi chong jong jeong han ho hong hyon hyun kang ko koh mun moon nam o oh pang
so son song yun yoon an ahn cho jo chang jang chon jeon hwang im yim kwon ryu yu yuk
mao zhou liu deng zhu peng chen lin wang yang hu zhang qiao gao kang jiang xu sun ye he guo dong luo tan xi
huang zhao wu ma rao bo qian fu cai lu wei xiao shen tao kong lai su cheng ji qi tian xie yan huan
le nguyen pham tran hoang vo vu do dang bui ngo duong ly truong phan
""")

# Name endings typical of family names (Slavic, Romanian, Georgian, Armenian...).
PERSON_SUFFIXES = ("ov", "ev", "ova", "eva", "ovich", "evich", "ovna", "evna", "sky", "ski", "skii", "skiy",
                   "skaya", "enko", "chenko", "uk", "yuk", "chuk", "dze", "shvili", "yan", "escu", "eanu",
                   "wicz", "czyk", "ovic", "ović", "evic", "ević", "iak", "ayev", "iyev", "ishin", "ykin",
                   "ukhin", "nikov", "ić", "ič", "yko", "iko")
PLACE_SUFFIXES = ("stan", "land", "grad", "burg", "bourg", "abad", "pol", "polis", "ville")
