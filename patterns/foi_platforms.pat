# moscan pattern set: the 16 platforms listed in FOI 1148A/20 (West Midlands Police, 7/12/2020),
# and "other online service" (outside-any) for the rest of the online element.
#
# Format: docs/patterns.md. Case-insensitive and whole-word unless {case} / {partial}.
#   pattern REGEX    an expression naming the platform
#   exclude REGEX    a false friend: a match of this platform that overlaps it is not a mention
#   near / notnear   proximity conditions (bytes; about 6 bytes a word)
#   match / nomatch  examples checked by `moscan patterns check` on both engines
# Overlapping matches of one platform count as one mention ("Facebook Messenger" = 1).
#
# How the set was written (docs/patterns.md, "The bundled set"): plain names with separator
# and apostrophe variants (space, dot, hyphen, underscore, no-break space, non-breaking
# hyphen, curly apostrophe); verb forms and plurals; the edit-distance-1 misspellings of
# every unambiguous name of six letters or more, as literals, less real English words
# (`moscan patterns variants WORD`, wbritish); abbreviations only where a preposition or a
# platform cue makes them a platform; ambiguous names (Signal, Telegram, Discord, Twitch,
# Kik, Steam, Messenger, snap, X) only with a platform cue near them, after an online
# preposition, or capitalised after a lower-case word (a name in mixed-case text), and
# never beside their common-noun cues (traffic signal, family discord, eye twitch).
set foi_platforms
description The 16 platforms of FOI 1148A/20 with the aliases, misspellings and verb forms MO writers use, and other online services

# Separators real text puts inside a name: space . _ - no-break space, hyphen, non-breaking
# hyphen, en dash (UTF-8 bytes).
define sep (?:[ ._-]|\xc2\xa0|\xe2\x80[\x90\x91\x93])?
define sep1 (?:[ ._-]|\xc2\xa0|\xe2\x80[\x90\x91\x93])
# A straight or curly apostrophe, optional.
define apos (?:'|\xe2\x80\x99)?
# Prepositions and verbs after which a bare name is a platform: "on Signal", "via Discord".
define use (?:on|via|over|through|thru|using|use|uses|used|onto|into|join|joined|download|downloaded|installed|install)
# Moving a conversation to a service: "moved the chat to Telegram".
define move (?:moved|switched|move|moving|moves|transferred|migrated|went|go|going|changed) (?:the (?:chat|chats|conversation|conversations|messages|messaging) |them |her |him |it |things )?(?:on)?to

# Words that say a name is a messaging or online service when they are near it.
term chat_cue (?:apps?|application|chats?|chatt(?:ed|ing)|group ?chats?|groups?|servers?|channels?|accounts?|profiles?|dms?|dm'?d|direct messag(?:e|es|ed|ing)|messag(?:e|es|ed|ing)|msgs?|messaging|encrypted|usernames?|user ?names?|handles?|video ?calls?|voice ?(?:notes?|calls?|chats?)|online|platforms?|social media|invite links?|links?|added|adds|followers?|follow(?:ed|ing)?|posts?|posted|stories|contacted|conversations?|texts|texted|sent (?:messages|pictures|pics|images|photos|videos)|nudes?|indecent images?|sexual images?)
# Streaming words, for Twitch.
term stream_cue (?:stream(?:s|ed|ing|er|ers)?|live ?stream(?:s|ed|ing)?|broadcast(?:s|ing)?|viewers?|followers?|subscribers?|subs|channels?|chat|gaming|gamers?|games?|emotes?|donations?|vods?|clips?|live)
# Words of a game, for Steam and bare game words.
term game_cue (?:games?|gaming|gamers?|played|playing|player|multiplayer|consoles?|headsets?|gift cards?|vouchers?|library|friends? list|friend requests?|in-game|in game|skins?|v-?bucks|robux)
# Common-noun senses near an ambiguous name.
# Sending and receiving, for "sent her a snap", "received snaps from".
term snap_verb (?:sen[dt]|sending|sends|received|receive|receiving|receives|got|opened|open|screenshott?ed|screenshots?|saved|posted|swapped|exchanged|exchanging|asked for|requested)
# Police requests and evidence that name a provider: "data request to Twitch".
term provider_cue (?:data requests?|preservation requests?|disclosure requests?|production orders?|subscriber (?:data|details|checks?)|records? requests?|law enforcement (?:requests?|portal)|screen ?shots?|screen ?grabs?|(?:data|account) (?:was |were )?(?:requested|preserved|obtained))
# Unambiguous platform names: an ambiguous name beside one of them in a list ("on TikTok and
# Twitch", "Signal, WhatsApp") is a platform.
term list_name (?:face{{sep}}book|fb|insta{{sep}}gram|insta|what{{apos}}s{{sep}}app|snap{{sep}}chat|tik{{sep}}tok|twitter|skype|omegle|you{{sep}}tube|x{{sep}}box|play{{sep}}station|roblox|minecraft|fortnite|imessage|face{{sep}}time|viber|wechat|reddit|tumblr)
# Household and engine senses of steam: "used steam to clean the carpet".
term steam_sense_cue (?:clean|cleans|cleaned|cleaning|cleaner|cleaners|carpets?|rugs?|sofas?|upholstery|irons?|ironing|wallpaper|kettles?|boilers?|showers?|ovens?|mops?|vapou?rs?|scald(?:s|ed|ing)?|burns?|burnt|engines?|trains?|locomotives?|pressure washers?|stains?|remove|removed|removing)
term road_cue (?:traffic|railway|rail|train|trains|junction|level crossing|motorists?|indicators?|indicated|indicating)

platform facebook Facebook / Facebook Messenger
  group meta
  pattern {near=provider_cue:30} messenger
  pattern {near=list_name:8} messenger
  pattern face{{sep}}book(?:s|ed|ing|er)?(?:{{sep1}}messenger)?
  pattern fb(?:{{sep1}}messenger)?
  pattern fb{{sep}}(?:com|me)
  pattern {partial} facebook\.com
  pattern messenger{{sep}}(?:app|apps|chats?|messages?|msgs?|accounts?|calls?|video ?calls?|groups?|conversations?|contacts?|requests?|profile|dms?)
  pattern {{use}}{{sep1}}(?:fb |face ?book )?messenger
  pattern {case,partial} [a-z,;] Messenger\b
  pattern {{move}}{{sep1}}messenger
  exclude (?:kik|signal|skype|yahoo|msn|windows|live|telegram|viber|google|bbm|blackberry|whatsapp|snapchat|instagram|aol|icq|line|hangouts|motorcycle|motorbike|bike|cycle|courier|royal) messenger
  exclude messenger apps|messenger apps? (?:such as|like|called|named|telegram|signal|whatsapp|kik|viber|wickr|threema|line|wechat)
  exclude (?:instant|encrypted|secure|popular|private|other|another|any|different|third-party|chat|mobile|phone) messenger(?: apps?| services?| platforms?)?
  exclude messenger (?:bag|bags|boy|boys|rna|service|services|pigeon|pigeons|company|companies|job|firm|rider|riders)
  exclude {case,notnear=chat_cue:12} (?:the|a) messenger
  exclude {case} Messenger (?:bag|bags|boy|boys|service|services|RNA)
  # facebook: 439 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern acebook|facbook|facebok|faceboo|faceook|faebook|fcebook
  pattern aacebook|afcebook|bacebook|cacebook|dacebook|eacebook|faaebook|fabebook|facabook|facbbook|facbeook|faccbook|facdbook|faceaook|facebaok|facebbok|facebcok|facebdok|facebeok|facebfok|facebgok|facebhok|facebiok|facebjok|facebkok|faceblok|facebmok|facebnok|faceboak|facebobk|facebock|facebodk|faceboek|facebofk|facebogk|facebohk|faceboik|facebojk|facebokk|faceboko|facebolk|facebomk|facebonk|facebooa|faceboob|facebooc|facebood|facebooe|faceboof|faceboog|facebooh|facebooi|facebooj|facebool|faceboom|faceboon|facebooo|faceboop|facebooq|faceboor|faceboos|faceboot|faceboou|faceboov|faceboow|faceboox|facebooy|facebooz|facebopk|faceboqk|facebork|facebosk|facebotk|facebouk|facebovk|facebowk|faceboxk|faceboyk|facebozk|facebpok|facebqok|facebrok|facebsok|facebtok|facebuok|facebvok|facebwok|facebxok|facebyok|facebzok|facecook|facedook|faceeook|facefook|facegook|facehook|faceiook|facejook|facekook|facelook|facemook|facenook|faceobok|faceoook|facepook|faceqook|facerook|facesook|facetook|faceuook|facevook|facewook|facexook|faceyook|facezook|facfbook|facgbook|fachbook|facibook|facjbook|fackbook|faclbook|facmbook|facnbook|facobook|facpbook|facqbook|facrbook|facsbook|factbook|facubook|facvbook|facwbook|facxbook|facybook|faczbook|fadebook|faecbook|faeebook|fafebook|fagebook|fahebook|faiebook|fajebook|fakebook|falebook|famebook|fanebook|faoebook|fapebook|faqebook|farebook|fasebook|fatebook|fauebook|favebook|fawebook|faxebook|fayebook|fazebook|fbcebook|fcaebook|fccebook|fdcebook|fecebook|ffcebook|fgcebook|fhcebook|ficebook|fjcebook|fkcebook|flcebook|fmcebook|fncebook|focebook|fpcebook|fqcebook|frcebook|fscebook|ftcebook|fucebook|fvcebook|fwcebook|fxcebook|fycebook|fzcebook|gacebook|hacebook|iacebook|jacebook|kacebook|lacebook|macebook|nacebook|oacebook|pacebook|qacebook|racebook|sacebook|tacebook|uacebook|vacebook|wacebook|xacebook|yacebook|zacebook
  pattern afacebook|bfacebook|cfacebook|dfacebook|efacebook|faacebook|fabcebook|facaebook|facbebook|faccebook|facdebook|faceabook|facebaook|facebbook|facebcook|facebdook|facebeook|facebfook|facebgook|facebhook|facebiook|facebjook|facebkook|faceblook|facebmook|facebnook|faceboaok|facebobok|facebocok|facebodok|faceboeok|facebofok|facebogok|facebohok|faceboiok|facebojok|facebokok|facebolok|facebomok|facebonok|facebooak|faceboobk|faceboock|faceboodk|facebooek|faceboofk|faceboogk|faceboohk|facebooik|faceboojk|facebooka|facebookb|facebookc|facebookd|facebooke|facebookf|facebookg|facebookh|facebooki|facebookj|facebookk|facebookl|facebookm|facebookn|facebooko|facebookp|facebookq|facebookr|facebooks|facebookt|facebooku|facebookv|facebookw|facebookx|facebooky|facebookz|faceboolk|faceboomk|faceboonk|faceboook|faceboopk|facebooqk|faceboork|faceboosk|facebootk|faceboouk|faceboovk|faceboowk|facebooxk|facebooyk|faceboozk|facebopok|faceboqok|faceborok|facebosok|facebotok|facebouok|facebovok|facebowok|faceboxok|faceboyok|facebozok|facebpook|facebqook|facebrook|facebsook|facebtook|facebuook|facebvook|facebwook|facebxook|facebyook|facebzook|facecbook|facedbook|faceebook|facefbook|facegbook|facehbook|faceibook|facejbook|facekbook|facelbook|facembook|facenbook|faceobook|facepbook|faceqbook|facerbook|facesbook|facetbook|faceubook|facevbook|facewbook|facexbook|faceybook|facezbook|facfebook|facgebook|fachebook|faciebook|facjebook|fackebook|faclebook|facmebook|facnebook|facoebook|facpebook|facqebook|facrebook|facsebook|factebook|facuebook|facvebook|facwebook|facxebook|facyebook|faczebook|fadcebook|faecebook|fafcebook|fagcebook|fahcebook|faicebook|fajcebook|fakcebook|falcebook|famcebook|fancebook|faocebook|fapcebook|faqcebook|farcebook|fascebook|fatcebook|faucebook|favcebook|fawcebook|faxcebook|faycebook|fazcebook|fbacebook|fcacebook|fdacebook|feacebook|ffacebook|fgacebook|fhacebook|fiacebook|fjacebook|fkacebook|flacebook|fmacebook|fnacebook|foacebook|fpacebook|fqacebook|fracebook|fsacebook|ftacebook|fuacebook|fvacebook|fwacebook|fxacebook|fyacebook|fzacebook|gfacebook|hfacebook|ifacebook|jfacebook|kfacebook|lfacebook|mfacebook|nfacebook|ofacebook|pfacebook|qfacebook|rfacebook|sfacebook|tfacebook|ufacebook|vfacebook|wfacebook|xfacebook|yfacebook|zfacebook
  match SUSP contacted IP via Facebook Messenger
  match added V on FB and sent msgs
  match IP's facebook's privacy settings
  match msgs on face-book
  match msgs on Face‑book
  match SUSP messaged her on facebok
  match SUSP facebooked her the link
  match profile at facebook.com/dark_angel
  match they talked on Messenger for weeks
  nomatch images were shared on encrypted messenger apps such as Wickr
  match sent pictures via messenger
  match the messenger messages were recovered
  match Messenger chats show grooming
  nomatch met face to face in the park
  nomatch left his messenger bag at the scene
  nomatch chatting on Kik messenger
  nomatch a motorcycle messenger was stopped
  nomatch SUSP worked as a courier and messenger
  nomatch they shot the messenger

platform instagram Instagram
  group meta
  pattern insta{{sep}}gramm?(?:s|ed|ing|er|ers)?
  pattern insta(?:s)?
  pattern {{use}} the gram
  pattern {partial} instagram\.com
  pattern {case} IG
  pattern {case} (?:on|via|over|ON|VIA) (?:ig|Ig)
  # instagram: 493 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern insagram|instagam|instagra|instagrm|instaram|instgram|intagram|istagram|nstagram
  pattern anstagram|bnstagram|cnstagram|dnstagram|enstagram|fnstagram|gnstagram|hnstagram|iastagram|ibstagram|icstagram|idstagram|iestagram|ifstagram|igstagram|ihstagram|iistagram|ijstagram|ikstagram|ilstagram|imstagram|inatagram|inbtagram|inctagram|indtagram|inetagram|inftagram|ingtagram|inhtagram|initagram|injtagram|inktagram|inltagram|inmtagram|inntagram|inotagram|inptagram|inqtagram|inrtagram|insaagram|insatgram|insbagram|inscagram|insdagram|inseagram|insfagram|insgagram|inshagram|insiagram|insjagram|inskagram|inslagram|insmagram|insnagram|insoagram|inspagram|insqagram|insragram|inssagram|instaaram|instabram|instacram|instadram|instaeram|instafram|instagaam|instagarm|instagbam|instagcam|instagdam|instageam|instagfam|instaggam|instagham|instagiam|instagjam|instagkam|instaglam|instagmam|instagnam|instagoam|instagpam|instagqam|instagraa|instagrab|instagrac|instagrad|instagrae|instagraf|instagrag|instagrah|instagrai|instagraj|instagrak|instagral|instagran|instagrao|instagrap|instagraq|instagrar|instagras|instagrat|instagrau|instagrav|instagraw|instagrax|instagray|instagraz|instagrbm|instagrcm|instagrdm|instagrem|instagrfm|instagrgm|instagrhm|instagrim|instagrjm|instagrkm|instagrlm|instagrma|instagrmm|instagrnm|instagrom|instagrpm|instagrqm|instagrrm|instagrsm|instagrtm|instagrum|instagrvm|instagrwm|instagrxm|instagrym|instagrzm|instagsam|instagtam|instaguam|instagvam|instagwam|instagxam|instagyam|instagzam|instahram|instairam|instajram|instakram|instalram|instamram|instanram|instaoram|instapram|instaqram|instargam|instarram|instasram|instatram|instauram|instavram|instawram|instaxram|instayram|instazram|instbgram|instcgram|instdgram|instegram|instfgram|instgaram|instggram|insthgram|instigram|instjgram|instkgram|instlgram|instmgram|instngram|instogram|instpgram|instqgram|instrgram|instsgram|insttgram|instugram|instvgram|instwgram|instxgram|instygram|instzgram|insuagram|insvagram|inswagram|insxagram|insyagram|inszagram|intsagram|inttagram|inutagram|invtagram|inwtagram|inxtagram|inytagram|inztagram|iostagram|ipstagram|iqstagram|irstagram|isntagram|isstagram|itstagram|iustagram|ivstagram|iwstagram|ixstagram|iystagram|izstagram|jnstagram|knstagram|lnstagram|mnstagram|nistagram|nnstagram|onstagram|pnstagram|qnstagram|rnstagram|snstagram|tnstagram|unstagram|vnstagram|wnstagram|xnstagram|ynstagram|znstagram
  pattern ainstagram|binstagram|cinstagram|dinstagram|einstagram|finstagram|ginstagram|hinstagram|ianstagram|ibnstagram|icnstagram|idnstagram|ienstagram|ifnstagram|ignstagram|ihnstagram|iinstagram|ijnstagram|iknstagram|ilnstagram|imnstagram|inastagram|inbstagram|incstagram|indstagram|inestagram|infstagram|ingstagram|inhstagram|inistagram|injstagram|inkstagram|inlstagram|inmstagram|innstagram|inostagram|inpstagram|inqstagram|inrstagram|insatagram|insbtagram|insctagram|insdtagram|insetagram|insftagram|insgtagram|inshtagram|insitagram|insjtagram|insktagram|insltagram|insmtagram|insntagram|insotagram|insptagram|insqtagram|insrtagram|insstagram|instaagram|instabgram|instacgram|instadgram|instaegram|instafgram|instagaram|instagbram|instagcram|instagdram|instageram|instagfram|instaggram|instaghram|instagiram|instagjram|instagkram|instaglram|instagmram|instagnram|instagoram|instagpram|instagqram|instagraam|instagrabm|instagracm|instagradm|instagraem|instagrafm|instagragm|instagrahm|instagraim|instagrajm|instagrakm|instagralm|instagrama|instagramb|instagramc|instagramd|instagrame|instagramf|instagramg|instagramh|instagrami|instagramj|instagramk|instagraml|instagramm|instagramn|instagramo|instagramp|instagramq|instagramr|instagrams|instagramt|instagramu|instagramv|instagramw|instagramx|instagramy|instagramz|instagranm|instagraom|instagrapm|instagraqm|instagrarm|instagrasm|instagratm|instagraum|instagravm|instagrawm|instagraxm|instagraym|instagrazm|instagrbam|instagrcam|instagrdam|instagream|instagrfam|instagrgam|instagrham|instagriam|instagrjam|instagrkam|instagrlam|instagrmam|instagrnam|instagroam|instagrpam|instagrqam|instagrram|instagrsam|instagrtam|instagruam|instagrvam|instagrwam|instagrxam|instagryam|instagrzam|instagsram|instagtram|instaguram|instagvram|instagwram|instagxram|instagyram|instagzram|instahgram|instaigram|instajgram|instakgram|instalgram|instamgram|instangram|instaogram|instapgram|instaqgram|instargram|instasgram|instatgram|instaugram|instavgram|instawgram|instaxgram|instaygram|instazgram|instbagram|instcagram|instdagram|insteagram|instfagram|instgagram|insthagram|instiagram|instjagram|instkagram|instlagram|instmagram|instnagram|instoagram|instpagram|instqagram|instragram|instsagram|insttagram|instuagram|instvagram|instwagram|instxagram|instyagram|instzagram|insutagram|insvtagram|inswtagram|insxtagram|insytagram|insztagram|intstagram|inustagram|invstagram|inwstagram|inxstagram|inystagram|inzstagram|ionstagram|ipnstagram|iqnstagram|irnstagram|isnstagram|itnstagram|iunstagram|ivnstagram|iwnstagram|ixnstagram|iynstagram|iznstagram|jinstagram|kinstagram|linstagram|minstagram|ninstagram|oinstagram|pinstagram|qinstagram|rinstagram|sinstagram|tinstagram|uinstagram|vinstagram|winstagram|xinstagram|yinstagram|zinstagram
  match followed IP on Insta
  match DMs on IG
  match messaged on insta-gram
  match SUSP posted it on the gram
  match sent the link instagram.com/lola_xx
  match SUSP found her on instagarm
  match he instagrammed her a photo
  match contacted her via ig
  nomatch instant messaging app
  nomatch SUSP installed an app
  nomatch in this instance
  nomatch SUSP was found with a gram of cannabis
  nomatch the big dog

platform whatsapp WhatsApp
  group meta
  pattern what{{apos}}s{{sep}}app(?:s|ed|ing|{{apos}}d)?
  pattern wa\.me
  pattern {partial} whatsapp\.com
  pattern {{use}} (?:whats ?up|watsup|watsap|wotsapp)
  pattern {case} (?:on|via|over|ON|VIA|OVER) WA
  pattern {case} WA (?:group|groups|chat|chats|messages?|msgs?|call|calls|video call)
  # whatsapp: 439 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern hatsapp|watsapp|whasapp|whatapp|whatsap|whatspp|whtsapp
  pattern ahatsapp|bhatsapp|chatsapp|dhatsapp|ehatsapp|fhatsapp|ghatsapp|hhatsapp|hwatsapp|ihatsapp|jhatsapp|khatsapp|lhatsapp|mhatsapp|nhatsapp|ohatsapp|phatsapp|qhatsapp|rhatsapp|shatsapp|thatsapp|uhatsapp|vhatsapp|waatsapp|wahtsapp|wbatsapp|wcatsapp|wdatsapp|weatsapp|wfatsapp|wgatsapp|whaasapp|whabsapp|whacsapp|whadsapp|whaesapp|whafsapp|whagsapp|whahsapp|whaisapp|whajsapp|whaksapp|whalsapp|whamsapp|whansapp|whaosapp|whapsapp|whaqsapp|wharsapp|whassapp|whastapp|whataapp|whataspp|whatbapp|whatcapp|whatdapp|whateapp|whatfapp|whatgapp|whathapp|whatiapp|whatjapp|whatkapp|whatlapp|whatmapp|whatnapp|whatoapp|whatpapp|whatqapp|whatrapp|whatsaap|whatsabp|whatsacp|whatsadp|whatsaep|whatsafp|whatsagp|whatsahp|whatsaip|whatsajp|whatsakp|whatsalp|whatsamp|whatsanp|whatsaop|whatsapa|whatsapb|whatsapc|whatsapd|whatsape|whatsapf|whatsapg|whatsaph|whatsapi|whatsapj|whatsapk|whatsapl|whatsapm|whatsapn|whatsapo|whatsapq|whatsapr|whatsaps|whatsapt|whatsapu|whatsapv|whatsapw|whatsapx|whatsapy|whatsapz|whatsaqp|whatsarp|whatsasp|whatsatp|whatsaup|whatsavp|whatsawp|whatsaxp|whatsayp|whatsazp|whatsbpp|whatscpp|whatsdpp|whatsepp|whatsfpp|whatsgpp|whatshpp|whatsipp|whatsjpp|whatskpp|whatslpp|whatsmpp|whatsnpp|whatsopp|whatspap|whatsppp|whatsqpp|whatsrpp|whatsspp|whatstpp|whatsupp|whatsvpp|whatswpp|whatsxpp|whatsypp|whatszpp|whattapp|whatuapp|whatvapp|whatwapp|whatxapp|whatyapp|whatzapp|whausapp|whavsapp|whawsapp|whaxsapp|whaysapp|whazsapp|whbtsapp|whctsapp|whdtsapp|whetsapp|whftsapp|whgtsapp|whhtsapp|whitsapp|whjtsapp|whktsapp|whltsapp|whmtsapp|whntsapp|whotsapp|whptsapp|whqtsapp|whrtsapp|whstsapp|whtasapp|whttsapp|whutsapp|whvtsapp|whwtsapp|whxtsapp|whytsapp|whztsapp|wiatsapp|wjatsapp|wkatsapp|wlatsapp|wmatsapp|wnatsapp|woatsapp|wpatsapp|wqatsapp|wratsapp|wsatsapp|wtatsapp|wuatsapp|wvatsapp|wwatsapp|wxatsapp|wyatsapp|wzatsapp|xhatsapp|yhatsapp|zhatsapp
  pattern awhatsapp|bwhatsapp|cwhatsapp|dwhatsapp|ewhatsapp|fwhatsapp|gwhatsapp|hwhatsapp|iwhatsapp|jwhatsapp|kwhatsapp|lwhatsapp|mwhatsapp|nwhatsapp|owhatsapp|pwhatsapp|qwhatsapp|rwhatsapp|swhatsapp|twhatsapp|uwhatsapp|vwhatsapp|wahatsapp|wbhatsapp|wchatsapp|wdhatsapp|wehatsapp|wfhatsapp|wghatsapp|whaatsapp|whabtsapp|whactsapp|whadtsapp|whaetsapp|whaftsapp|whagtsapp|whahtsapp|whaitsapp|whajtsapp|whaktsapp|whaltsapp|whamtsapp|whantsapp|whaotsapp|whaptsapp|whaqtsapp|whartsapp|whastsapp|whatasapp|whatbsapp|whatcsapp|whatdsapp|whatesapp|whatfsapp|whatgsapp|whathsapp|whatisapp|whatjsapp|whatksapp|whatlsapp|whatmsapp|whatnsapp|whatosapp|whatpsapp|whatqsapp|whatrsapp|whatsaapp|whatsabpp|whatsacpp|whatsadpp|whatsaepp|whatsafpp|whatsagpp|whatsahpp|whatsaipp|whatsajpp|whatsakpp|whatsalpp|whatsampp|whatsanpp|whatsaopp|whatsapap|whatsapbp|whatsapcp|whatsapdp|whatsapep|whatsapfp|whatsapgp|whatsaphp|whatsapip|whatsapjp|whatsapkp|whatsaplp|whatsapmp|whatsapnp|whatsapop|whatsappa|whatsappb|whatsappc|whatsappd|whatsappe|whatsappf|whatsappg|whatsapph|whatsappi|whatsappj|whatsappk|whatsappl|whatsappm|whatsappn|whatsappo|whatsappp|whatsappq|whatsappr|whatsapps|whatsappt|whatsappu|whatsappv|whatsappw|whatsappx|whatsappy|whatsappz|whatsapqp|whatsaprp|whatsapsp|whatsaptp|whatsapup|whatsapvp|whatsapwp|whatsapxp|whatsapyp|whatsapzp|whatsaqpp|whatsarpp|whatsaspp|whatsatpp|whatsaupp|whatsavpp|whatsawpp|whatsaxpp|whatsaypp|whatsazpp|whatsbapp|whatscapp|whatsdapp|whatseapp|whatsfapp|whatsgapp|whatshapp|whatsiapp|whatsjapp|whatskapp|whatslapp|whatsmapp|whatsnapp|whatsoapp|whatspapp|whatsqapp|whatsrapp|whatssapp|whatstapp|whatsuapp|whatsvapp|whatswapp|whatsxapp|whatsyapp|whatszapp|whattsapp|whatusapp|whatvsapp|whatwsapp|whatxsapp|whatysapp|whatzsapp|whautsapp|whavtsapp|whawtsapp|whaxtsapp|whaytsapp|whaztsapp|whbatsapp|whcatsapp|whdatsapp|wheatsapp|whfatsapp|whgatsapp|whhatsapp|whiatsapp|whjatsapp|whkatsapp|whlatsapp|whmatsapp|whnatsapp|whoatsapp|whpatsapp|whqatsapp|whratsapp|whsatsapp|whtatsapp|whuatsapp|whvatsapp|whwatsapp|whxatsapp|whyatsapp|whzatsapp|wihatsapp|wjhatsapp|wkhatsapp|wlhatsapp|wmhatsapp|wnhatsapp|wohatsapp|wphatsapp|wqhatsapp|wrhatsapp|wshatsapp|wthatsapp|wuhatsapp|wvhatsapp|wwhatsapp|wxhatsapp|wyhatsapp|wzhatsapp|xwhatsapp|ywhatsapp|zwhatsapp
  match sent pics via WhatsApp
  match messages on What's App
  match messages on What’s App
  match whats app group
  match SUSP whatsapped IP
  match SUSP whatsapp'd her twice
  match msgs on watsapp
  match sent a wa.me link
  match contacted IP on WA
  match added to a WA group
  match messaged her on whatsup
  nomatch what's happening
  nomatch asked what apps she used
  nomatch IP lives in the WA4 area
  nomatch SUSP said whats up to her

platform snapchat Snapchat
  pattern snap{{sep}}chatt?(?:s|ed|ing|er|ers|{{apos}}d)?
  pattern snapcht|snpchat|snapchap|snachat|snaptchat
  pattern {{use}}{{sep1}}snaps?
  pattern {{move}}{{sep1}}snap
  pattern snap (?:and|or|&) (?:insta|instagram|whatsapp|tiktok|facebook|fb|ig|kik)
  pattern (?:insta|instagram|whatsapp|tiktok|facebook|fb|ig|kik),? (?:and|or|&) snap
  pattern snap{{sep}}(?:streaks?|score|scores|map|maps|story|stories|usernames?|user ?names?|names?|accounts?|profiles?|handles?|codes?|chats?|messages?|msgs?|pics?|photos?|videos?|vids?|filters?|premium|plus|id|ids|friends?|contacts?|added|add|quick ?add)
  pattern {near=snap_verb:30} snaps?
  pattern (?:his|her|their|my|your|our|the) snaps
  pattern snaps (?:of|to) (?:him|her|himself|herself|themselves|them|ip|v|the victim|the girl|the boy|each other|one another)
  pattern {case} (?:on|via|over|ON|VIA|OVER) SC
  pattern {case} SC (?:account|accounts|username|name|streak|streaks|messages?|msgs?|chat|chats|story|stories)
  pattern {case,partial} [a-z,;] Snap\b
  exclude snap (?:decision|decisions|judgement|judgment|election|shot|shots|poll|inspection|inspections|visit|check|freeze|button|fastener|lock|peas?)
  exclude {case} Snap{{sep}}(?:On|on)
  pattern {case} Snap Inc
  # snapchat: 441 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern napchat|sapchat|snachat|snapcat|snapcha|snapcht|snaphat|snpchat
  pattern anapchat|bnapchat|cnapchat|dnapchat|enapchat|fnapchat|gnapchat|hnapchat|inapchat|jnapchat|knapchat|lnapchat|mnapchat|nnapchat|nsapchat|onapchat|pnapchat|qnapchat|rnapchat|saapchat|sanpchat|sbapchat|scapchat|sdapchat|seapchat|sfapchat|sgapchat|shapchat|siapchat|sjapchat|skapchat|slapchat|smapchat|snaachat|snabchat|snacchat|snacphat|snadchat|snaechat|snafchat|snagchat|snahchat|snaichat|snajchat|snakchat|snalchat|snamchat|snanchat|snaochat|snapahat|snapbhat|snapcaat|snapcaht|snapcbat|snapccat|snapcdat|snapceat|snapcfat|snapcgat|snapchaa|snapchab|snapchac|snapchad|snapchae|snapchaf|snapchag|snapchah|snapchai|snapchaj|snapchak|snapchal|snapcham|snapchan|snapchao|snapchap|snapchaq|snapchar|snapchas|snapchau|snapchav|snapchaw|snapchax|snapchay|snapchaz|snapchbt|snapchct|snapchdt|snapchet|snapchft|snapchgt|snapchht|snapchit|snapchjt|snapchkt|snapchlt|snapchmt|snapchnt|snapchot|snapchpt|snapchqt|snapchrt|snapchst|snapchta|snapchtt|snapchut|snapchvt|snapchwt|snapchxt|snapchyt|snapchzt|snapciat|snapcjat|snapckat|snapclat|snapcmat|snapcnat|snapcoat|snapcpat|snapcqat|snapcrat|snapcsat|snapctat|snapcuat|snapcvat|snapcwat|snapcxat|snapcyat|snapczat|snapdhat|snapehat|snapfhat|snapghat|snaphcat|snaphhat|snapihat|snapjhat|snapkhat|snaplhat|snapmhat|snapnhat|snapohat|snapphat|snapqhat|snaprhat|snapshat|snapthat|snapuhat|snapvhat|snapwhat|snapxhat|snapyhat|snapzhat|snaqchat|snarchat|snaschat|snatchat|snauchat|snavchat|snawchat|snaxchat|snaychat|snazchat|snbpchat|sncpchat|sndpchat|snepchat|snfpchat|sngpchat|snhpchat|snipchat|snjpchat|snkpchat|snlpchat|snmpchat|snnpchat|snopchat|snpachat|snppchat|snqpchat|snrpchat|snspchat|sntpchat|snupchat|snvpchat|snwpchat|snxpchat|snypchat|snzpchat|soapchat|spapchat|sqapchat|srapchat|ssapchat|stapchat|suapchat|svapchat|swapchat|sxapchat|syapchat|szapchat|tnapchat|unapchat|vnapchat|wnapchat|xnapchat|ynapchat|znapchat
  pattern asnapchat|bsnapchat|csnapchat|dsnapchat|esnapchat|fsnapchat|gsnapchat|hsnapchat|isnapchat|jsnapchat|ksnapchat|lsnapchat|msnapchat|nsnapchat|osnapchat|psnapchat|qsnapchat|rsnapchat|sanapchat|sbnapchat|scnapchat|sdnapchat|senapchat|sfnapchat|sgnapchat|shnapchat|sinapchat|sjnapchat|sknapchat|slnapchat|smnapchat|snaapchat|snabpchat|snacpchat|snadpchat|snaepchat|snafpchat|snagpchat|snahpchat|snaipchat|snajpchat|snakpchat|snalpchat|snampchat|snanpchat|snaopchat|snapachat|snapbchat|snapcahat|snapcbhat|snapcchat|snapcdhat|snapcehat|snapcfhat|snapcghat|snapchaat|snapchabt|snapchact|snapchadt|snapchaet|snapchaft|snapchagt|snapchaht|snapchait|snapchajt|snapchakt|snapchalt|snapchamt|snapchant|snapchaot|snapchapt|snapchaqt|snapchart|snapchast|snapchata|snapchatb|snapchatc|snapchatd|snapchate|snapchatf|snapchatg|snapchath|snapchati|snapchatj|snapchatk|snapchatl|snapchatm|snapchatn|snapchato|snapchatp|snapchatq|snapchatr|snapchats|snapchatt|snapchatu|snapchatv|snapchatw|snapchatx|snapchaty|snapchatz|snapchaut|snapchavt|snapchawt|snapchaxt|snapchayt|snapchazt|snapchbat|snapchcat|snapchdat|snapcheat|snapchfat|snapchgat|snapchhat|snapchiat|snapchjat|snapchkat|snapchlat|snapchmat|snapchnat|snapchoat|snapchpat|snapchqat|snapchrat|snapchsat|snapchtat|snapchuat|snapchvat|snapchwat|snapchxat|snapchyat|snapchzat|snapcihat|snapcjhat|snapckhat|snapclhat|snapcmhat|snapcnhat|snapcohat|snapcphat|snapcqhat|snapcrhat|snapcshat|snapcthat|snapcuhat|snapcvhat|snapcwhat|snapcxhat|snapcyhat|snapczhat|snapdchat|snapechat|snapfchat|snapgchat|snaphchat|snapichat|snapjchat|snapkchat|snaplchat|snapmchat|snapnchat|snapochat|snappchat|snapqchat|snaprchat|snapschat|snaptchat|snapuchat|snapvchat|snapwchat|snapxchat|snapychat|snapzchat|snaqpchat|snarpchat|snaspchat|snatpchat|snaupchat|snavpchat|snawpchat|snaxpchat|snaypchat|snazpchat|snbapchat|sncapchat|sndapchat|sneapchat|snfapchat|sngapchat|snhapchat|sniapchat|snjapchat|snkapchat|snlapchat|snmapchat|snnapchat|snoapchat|snpapchat|snqapchat|snrapchat|snsapchat|sntapchat|snuapchat|snvapchat|snwapchat|snxapchat|snyapchat|snzapchat|sonapchat|spnapchat|sqnapchat|srnapchat|ssnapchat|stnapchat|sunapchat|svnapchat|swnapchat|sxnapchat|synapchat|sznapchat|tsnapchat|usnapchat|vsnapchat|wsnapchat|xsnapchat|ysnapchat|zsnapchat
  match added IP on Snapchat
  match talked via snap
  match sent snaps of himself
  match sent her several snapchats
  match chatting on snap-chat
  match chatting on snap chat
  match added on SC
  match SUSP snapchatted the girl a picture
  match V received a snap from an unknown male
  match SUSP sent IP several nude snaps
  match his snap username was given
  match they had a snap streak going
  match sent her explicit snaps
  match she added him on Snap after school
  match the SC account was deleted
  nomatch SUSP snapped at her
  nomatch a snap decision
  nomatch she heard a snap as the branch broke
  nomatch SC raised with the school
  nomatch the cable snapped
  nomatch Snap-on Tools van

platform imessage iMessage
  pattern i(?:-|\xe2\x80\x91)?mess?ag(?:e|es|ed|ing)
  pattern {case} i ?Messag(?:e|es|ed|ing)
  # imessage: 439 edit-distance-1 variants; 1 dropped as words of /usr/share/dict/british-english: message
  pattern iessage|imesage|imessae|imessag|imessge|imssage
  pattern amessage|bmessage|cmessage|dmessage|emessage|fmessage|gmessage|hmessage|iaessage|ibessage|icessage|idessage|ieessage|iemssage|ifessage|igessage|ihessage|iiessage|ijessage|ikessage|ilessage|imassage|imbssage|imcssage|imdssage|imeasage|imebsage|imecsage|imedsage|imeesage|imefsage|imegsage|imehsage|imeisage|imejsage|imeksage|imelsage|imemsage|imensage|imeosage|imepsage|imeqsage|imersage|imesaage|imesasge|imesbage|imescage|imesdage|imeseage|imesfage|imesgage|imeshage|imesiage|imesjage|imeskage|imeslage|imesmage|imesnage|imesoage|imespage|imesqage|imesrage|imessaae|imessabe|imessace|imessade|imessaee|imessaeg|imessafe|imessaga|imessagb|imessagc|imessagd|imessagf|imessagg|imessagh|imessagi|imessagj|imessagk|imessagl|imessagm|imessagn|imessago|imessagp|imessagq|imessagr|imessags|imessagt|imessagu|imessagv|imessagw|imessagx|imessagy|imessagz|imessahe|imessaie|imessaje|imessake|imessale|imessame|imessane|imessaoe|imessape|imessaqe|imessare|imessase|imessate|imessaue|imessave|imessawe|imessaxe|imessaye|imessaze|imessbge|imesscge|imessdge|imessege|imessfge|imessgae|imessgge|imesshge|imessige|imessjge|imesskge|imesslge|imessmge|imessnge|imessoge|imesspge|imessqge|imessrge|imesssge|imesstge|imessuge|imessvge|imesswge|imessxge|imessyge|imesszge|imestage|imesuage|imesvage|imeswage|imesxage|imesyage|imeszage|imetsage|imeusage|imevsage|imewsage|imexsage|imeysage|imezsage|imfssage|imgssage|imhssage|imissage|imjssage|imkssage|imlssage|immssage|imnssage|imossage|impssage|imqssage|imrssage|imsesage|imsssage|imtssage|imussage|imvssage|imwssage|imxssage|imyssage|imzssage|inessage|ioessage|ipessage|iqessage|iressage|isessage|itessage|iuessage|ivessage|iwessage|ixessage|iyessage|izessage|jmessage|kmessage|lmessage|miessage|mmessage|nmessage|omessage|pmessage|qmessage|rmessage|smessage|tmessage|umessage|vmessage|wmessage|xmessage|ymessage|zmessage
  pattern aimessage|bimessage|cimessage|dimessage|eimessage|fimessage|gimessage|himessage|iamessage|ibmessage|icmessage|idmessage|iemessage|ifmessage|igmessage|ihmessage|iimessage|ijmessage|ikmessage|ilmessage|imaessage|imbessage|imcessage|imdessage|imeassage|imebssage|imecssage|imedssage|imeessage|imefssage|imegssage|imehssage|imeissage|imejssage|imekssage|imelssage|imemssage|imenssage|imeossage|imepssage|imeqssage|imerssage|imesasage|imesbsage|imescsage|imesdsage|imesesage|imesfsage|imesgsage|imeshsage|imesisage|imesjsage|imesksage|imeslsage|imesmsage|imesnsage|imesosage|imespsage|imesqsage|imesrsage|imessaage|imessabge|imessacge|imessadge|imessaege|imessafge|imessagae|imessagbe|imessagce|imessagde|imessagea|imessageb|imessagec|imessaged|imessagee|imessagef|imessageg|imessageh|imessagei|imessagej|imessagek|imessagel|imessagem|imessagen|imessageo|imessagep|imessageq|imessager|imessages|imessaget|imessageu|imessagev|imessagew|imessagex|imessagey|imessagez|imessagfe|imessagge|imessaghe|imessagie|imessagje|imessagke|imessagle|imessagme|imessagne|imessagoe|imessagpe|imessagqe|imessagre|imessagse|imessagte|imessague|imessagve|imessagwe|imessagxe|imessagye|imessagze|imessahge|imessaige|imessajge|imessakge|imessalge|imessamge|imessange|imessaoge|imessapge|imessaqge|imessarge|imessasge|imessatge|imessauge|imessavge|imessawge|imessaxge|imessayge|imessazge|imessbage|imesscage|imessdage|imesseage|imessfage|imessgage|imesshage|imessiage|imessjage|imesskage|imesslage|imessmage|imessnage|imessoage|imesspage|imessqage|imessrage|imesssage|imesstage|imessuage|imessvage|imesswage|imessxage|imessyage|imesszage|imestsage|imesusage|imesvsage|imeswsage|imesxsage|imesysage|imeszsage|imetssage|imeussage|imevssage|imewssage|imexssage|imeyssage|imezssage|imfessage|imgessage|imhessage|imiessage|imjessage|imkessage|imlessage|immessage|imnessage|imoessage|impessage|imqessage|imressage|imsessage|imtessage|imuessage|imvessage|imwessage|imxessage|imyessage|imzessage|inmessage|iomessage|ipmessage|iqmessage|irmessage|ismessage|itmessage|iumessage|ivmessage|iwmessage|ixmessage|iymessage|izmessage|jimessage|kimessage|limessage|mimessage|nimessage|oimessage|pimessage|qimessage|rimessage|simessage|timessage|uimessage|vimessage|wimessage|ximessage|yimessage|zimessage
  match texts via iMessage
  match several i-message chats
  match SUSP iMessaged IP
  match texts on imessage
  nomatch I messaged her mother
  nomatch then i message her back

platform telegram Telegram
  pattern {near=provider_cue:30} tele?grams?
  pattern {near=list_name:8} tele?grams?
  pattern {near=chat_cue:40} tele?grams?
  pattern {{move}}{{sep1}}tele?gram
  pattern {{use}}{{sep1}}tele?gram
  pattern {case} Telegram|TELEGRAM
  pattern tele?gram{{sep}}(?:app|apps|chats?|groups?|channels?|accounts?|messages?|msgs?|usernames?|handles?|links?|bots?|calls?)
  pattern t\.me
  pattern {partial} telegram\.(?:me|org)
  exclude {notnear=chat_cue:15} (?:a|the|his|her|their|sent|send|sending|received|receive|got|get|delivered|deliver|deliver(?:ed|ing)|wrote|writing|by) tele?grams?(?: (?:from|to|saying|announcing|informing|boy|boys|office|pole|poles))?
  exclude tele?grams? (?:boy|boys|from the (?:king|queen|palace|war office)|pole|poles)
  exclude {case,notnear=chat_cue:15} (?:a|A|the|The|his|her|their|that|this) telegrams?
  match moved chat to Telegram
  match sent an invite link t.me/lola_xx
  match they joined a telegram group
  match SUSP sent the images in a Telegram channel
  match she was messaged on telegram
  match used the encrypted app Telegram to share the images
  match Telegram did not answer the police request
  nomatch {date=1950-01-01} A telegram from the War Office arrived
  nomatch hit a telegraph pole
  nomatch in the Daily Telegraph
  nomatch her grandmother received a telegram from the Queen
  nomatch he sent a telegram to his mother
  nomatch a telegram boy brought the news

platform signal Signal
  pattern {near=provider_cue:30,notnear=road_cue:12} signal
  pattern {near=list_name:8,notnear=road_cue:12} signal
  pattern {{use}}{{sep1}}signal
  pattern {{move}}{{sep1}}signal
  pattern signal{{sep}}(?:app|apps|messenger|messag(?:e|es|ing)|msgs?|chats?|groups?|accounts?|profiles?|usernames?|calls?|video ?calls?|voice ?notes?|contacts?|conversations?)
  pattern {near=chat_cue:30,notnear=road_cue:12} signal
  pattern {case,partial,notnear=road_cue:12} [a-z,;] Signal\b
  pattern {case,notnear=road_cue:12} Signal (?:was|is|were|had been|has been) (?:used|installed|downloaded|found|recovered|opened|deleted)
  exclude signals? (?:failure|failures|box|boxes|strength|boost|booster|light|lights|loss|problems?|issues?|dropped|jammer|jammers|flare|flares|fire|bars?|coverage|reception|was lost|cut out|went)
  exclude (?:no|poor|weak|bad|lost|losing|lose|low|strong|good|full|mobile|phone|network|wifi|wi-?fi|4g|3g|5g|radio|tv|satellite|gps|hand|distress|warning|danger|busy|turn|stop|mixed|clear|traffic|railway|rail) signals?
  exclude {notnear=chat_cue:15} (?:a|the|his|her|their|any|that|this|wrong|right|same) signals?
  match Signal was used to share the files.
  match Signal had been installed on his phone
  nomatch The signal was used to stop the traffic
  match messaged via Signal
  match stopped at the traffic lights, then messaged her via Signal
  match installed the Signal app
  match the encrypted messaging app Signal
  match messages on Signal were found
  match he used WhatsApp, Signal and Telegram
  match they moved the chat to signal
  match the defendant used Signal to send the images
  match police recovered Signal messages
  nomatch stopped at a traffic signal
  nomatch there was no signal in the flat
  nomatch he signalled to the driver
  nomatch delayed by a signal failure
  nomatch the phone had a weak signal
  nomatch she gave a signal to her friend
  nomatch he ran a red signal at the junction
  nomatch mixed signals in the relationship

platform twitch Twitch
  pattern {near=provider_cue:30} twitch
  pattern {near=list_name:8} twitch
  pattern {partial} twitch\.tv
  pattern twitch{{sep}}(?:streams?|streamers?|streaming|channels?|accounts?|chats?|live|app|apps|tv|prime|profiles?|usernames?|user ?names?|handles?|vods?|clips?|followers?|subscribers?|subs|messages?|msgs?|whispers?|dms?|emotes?|partner)
  pattern {{use}}{{sep1}}twitch
  pattern {near=stream_cue:30} twitch
  pattern {case} Twitch
  pattern {{move}}{{sep1}}twitch
  exclude (?:eye|eyes|muscle|muscles|nervous|facial|slight|little|small|sudden|involuntary) twitch(?:es|y)?
  exclude {case,notnear=stream_cue:20} (?:a|the) twitch
  match watched her stream on Twitch
  match streams at twitch.tv/lola
  match he was a Twitch streamer
  match OIC HAS SUBMITTED A DATA REQUEST TO TWITCH
  match SUSP HAS PROFILES ON TIKTOK AND TWITCH
  match messaged her during a twitch stream
  match she followed his channel on twitch
  nomatch his eye twitched
  nomatch twitching nervously
  nomatch a muscle twitch in her left eye
  nomatch she noticed a twitch in his hand
  nomatch the twitch of a curtain

platform online_gaming Online gaming
  pattern {near=provider_cue:30} steam
  pattern {near=list_name:8} steam
  pattern online{{sep1}}gam(?:e|es|ing|er|ers)
  pattern gam(?:ing|e|es) (?:online|chat|chats|platform|platforms|console|consoles|app|apps|site|sites|servers?|community|lobby|lobbies)
  pattern (?:in{{sep}}game|game) (?:chat|chats|messages?|msgs?)
  pattern gamer{{sep}}tags?
  pattern multi{{sep}}player
  pattern x{{sep}}box(?:es)?(?:{{sep1}}(?:live|one|series [xs]|party(?: chat)?))?
  pattern ps[345]|ps vita
  pattern ps party(?: chat)?
  pattern play{{sep}}stations?(?:{{sep1}}(?:network|plus|party|[2345]))?
  pattern psn
  pattern fortnite|fortnight battle royale
  pattern (?:on|playing|play|played|plays) fortnight
  pattern fortnight (?:game|games|account|chat|chats|party|lobby|skins?)
  pattern roblox|robux|rob lox|roblocks|robloxs
  pattern minecraft|mine craft|minecrafts
  pattern call of duty(?: warzone| mobile| black ops| modern warfare)?
  pattern warzone|war zone (?:game|lobby)
  pattern {case} (?:COD|CoD)
  pattern fifa(?: online| ultimate team)?|ea{{sep}}fc(?: ?2[0-9])?|fc ?2[4-9] (?:ultimate team|online|game)
  pattern gta(?: ?v| ?5)? online|grand theft auto online
  pattern {case} Among Us
  pattern nintendo(?: switch(?: online)?| ds| wii)?
  pattern {case} Switch (?:online|Online|game|games|console)
  pattern apex legends|valorant|league of legends|overwatch|rocket league|clash of clans|clash royale|pokemon go|pok\xc3\xa9mon go|free fire|pubg|animal crossing|rainbow six|rust game|genshin impact|brawl stars|destiny 2|halo (?:online|infinite|game)|counter{{sep}}strike|cs ?go|dota|world of warcraft|habbo|moviestarplanet|movie star planet|stardoll|club penguin|hay day|candy crush
  pattern {notnear=steam_sense_cue:30} {{use}}{{sep1}}steam
  pattern steam{{sep}}(?:accounts?|chats?|profiles?|library|games?|usernames?|user ?names?|friends?|community|deck|app|platform|store|wallet|gift ?cards?|vouchers?|codes?|messages?|msgs?|groups?)
  pattern {case,partial} [a-z,;] Steam\b
  pattern {{move}}{{sep1}}steam
  pattern {near=game_cue:30} steam
  exclude steam(?:s|ed|ing|y)? (?:clean(?:er|ers|ing|ed)?|room|rooms|iron|irons|train|trains|engine|engines|railway|rising|coming|roller|boat|punk|bath|baths|sauna|mop|press|pipe|pipes)
  exclude (?:let|letting|lets|blow|blowing|blew|run out of|ran out of|full|under (?:his|her|their) own) (?:off )?steam
  exclude (?:clean(?:ed|ing|er|ers)?|iron(?:ed|ing)?|powered|run|ran|runs|running|works|worked|cooked|cooking) (?:on|using|with|by) steam
  exclude {case} COD (?:and|&) chips
  # fortnite: 441 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern fornite|fortite|fortnie|fortnit|fortnte|fotnite|frtnite|ortnite
  pattern aortnite|bortnite|cortnite|dortnite|eortnite|fartnite|fbrtnite|fcrtnite|fdrtnite|fertnite|ffrtnite|fgrtnite|fhrtnite|firtnite|fjrtnite|fkrtnite|flrtnite|fmrtnite|fnrtnite|foatnite|fobtnite|foctnite|fodtnite|foetnite|foftnite|fogtnite|fohtnite|foitnite|fojtnite|foktnite|foltnite|fomtnite|fontnite|footnite|foptnite|foqtnite|foranite|forbnite|forcnite|fordnite|forenite|forfnite|forgnite|forhnite|forinite|forjnite|forknite|forlnite|formnite|fornnite|forntite|foronite|forpnite|forqnite|forrnite|forsnite|fortaite|fortbite|fortcite|fortdite|forteite|fortfite|fortgite|forthite|fortiite|fortinte|fortjite|fortkite|fortlite|fortmite|fortnate|fortnbte|fortncte|fortndte|fortnete|fortnfte|fortngte|fortnhte|fortniae|fortnibe|fortnice|fortnide|fortniee|fortniet|fortnife|fortnige|fortnihe|fortniie|fortnije|fortnike|fortnile|fortnime|fortnine|fortnioe|fortnipe|fortniqe|fortnire|fortnise|fortnita|fortnitb|fortnitc|fortnitd|fortnitf|fortnitg|fortnith|fortniti|fortnitj|fortnitk|fortnitl|fortnitm|fortnitn|fortnito|fortnitp|fortnitq|fortnitr|fortnits|fortnitt|fortnitu|fortnitv|fortnitw|fortnitx|fortnity|fortnitz|fortniue|fortnive|fortniwe|fortnixe|fortniye|fortnize|fortnjte|fortnkte|fortnlte|fortnmte|fortnnte|fortnote|fortnpte|fortnqte|fortnrte|fortnste|fortntie|fortntte|fortnute|fortnvte|fortnwte|fortnxte|fortnyte|fortnzte|fortoite|fortpite|fortqite|fortrite|fortsite|forttite|fortuite|fortvite|fortwite|fortxite|fortyite|fortzite|forunite|forvnite|forwnite|forxnite|forynite|forznite|fostnite|fotrnite|fottnite|foutnite|fovtnite|fowtnite|foxtnite|foytnite|foztnite|fprtnite|fqrtnite|frotnite|frrtnite|fsrtnite|ftrtnite|furtnite|fvrtnite|fwrtnite|fxrtnite|fyrtnite|fzrtnite|gortnite|hortnite|iortnite|jortnite|kortnite|lortnite|mortnite|nortnite|ofrtnite|oortnite|portnite|qortnite|rortnite|sortnite|tortnite|uortnite|vortnite|wortnite|xortnite|yortnite|zortnite
  pattern afortnite|bfortnite|cfortnite|dfortnite|efortnite|faortnite|fbortnite|fcortnite|fdortnite|feortnite|ffortnite|fgortnite|fhortnite|fiortnite|fjortnite|fkortnite|flortnite|fmortnite|fnortnite|foartnite|fobrtnite|focrtnite|fodrtnite|foertnite|fofrtnite|fogrtnite|fohrtnite|foirtnite|fojrtnite|fokrtnite|folrtnite|fomrtnite|fonrtnite|foortnite|foprtnite|foqrtnite|foratnite|forbtnite|forctnite|fordtnite|foretnite|forftnite|forgtnite|forhtnite|foritnite|forjtnite|forktnite|forltnite|formtnite|forntnite|forotnite|forptnite|forqtnite|forrtnite|forstnite|fortanite|fortbnite|fortcnite|fortdnite|fortenite|fortfnite|fortgnite|forthnite|fortinite|fortjnite|fortknite|fortlnite|fortmnite|fortnaite|fortnbite|fortncite|fortndite|fortneite|fortnfite|fortngite|fortnhite|fortniate|fortnibte|fortnicte|fortnidte|fortniete|fortnifte|fortnigte|fortnihte|fortniite|fortnijte|fortnikte|fortnilte|fortnimte|fortninte|fortniote|fortnipte|fortniqte|fortnirte|fortniste|fortnitae|fortnitbe|fortnitce|fortnitde|fortnitea|fortniteb|fortnitec|fortnited|fortnitee|fortnitef|fortniteg|fortniteh|fortnitei|fortnitej|fortnitek|fortnitel|fortnitem|fortniten|fortniteo|fortnitep|fortniteq|fortniter|fortnites|fortnitet|fortniteu|fortnitev|fortnitew|fortnitex|fortnitey|fortnitez|fortnitfe|fortnitge|fortnithe|fortnitie|fortnitje|fortnitke|fortnitle|fortnitme|fortnitne|fortnitoe|fortnitpe|fortnitqe|fortnitre|fortnitse|fortnitte|fortnitue|fortnitve|fortnitwe|fortnitxe|fortnitye|fortnitze|fortniute|fortnivte|fortniwte|fortnixte|fortniyte|fortnizte|fortnjite|fortnkite|fortnlite|fortnmite|fortnnite|fortnoite|fortnpite|fortnqite|fortnrite|fortnsite|fortntite|fortnuite|fortnvite|fortnwite|fortnxite|fortnyite|fortnzite|fortonite|fortpnite|fortqnite|fortrnite|fortsnite|forttnite|fortunite|fortvnite|fortwnite|fortxnite|fortynite|fortznite|forutnite|forvtnite|forwtnite|forxtnite|forytnite|forztnite|fosrtnite|fotrtnite|fourtnite|fovrtnite|fowrtnite|foxrtnite|foyrtnite|fozrtnite|fportnite|fqortnite|frortnite|fsortnite|ftortnite|fuortnite|fvortnite|fwortnite|fxortnite|fyortnite|fzortnite|gfortnite|hfortnite|ifortnite|jfortnite|kfortnite|lfortnite|mfortnite|nfortnite|ofortnite|pfortnite|qfortnite|rfortnite|sfortnite|tfortnite|ufortnite|vfortnite|wfortnite|xfortnite|yfortnite|zfortnite
  # minecraft: 493 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern inecraft|miecraft|mincraft|minecaft|minecraf|minecrat|minecrft|mineraft|mnecraft
  pattern ainecraft|binecraft|cinecraft|dinecraft|einecraft|finecraft|ginecraft|hinecraft|iinecraft|imnecraft|jinecraft|kinecraft|linecraft|manecraft|mbnecraft|mcnecraft|mdnecraft|menecraft|mfnecraft|mgnecraft|mhnecraft|miaecraft|mibecraft|micecraft|midecraft|mieecraft|miencraft|mifecraft|migecraft|mihecraft|miiecraft|mijecraft|mikecraft|milecraft|mimecraft|minacraft|minbcraft|minccraft|minceraft|mindcraft|minearaft|minebraft|minecaaft|minecarft|minecbaft|mineccaft|minecdaft|mineceaft|minecfaft|minecgaft|minechaft|mineciaft|minecjaft|mineckaft|mineclaft|minecmaft|minecnaft|minecoaft|minecpaft|minecqaft|minecraat|minecrabt|minecract|minecradt|minecraet|minecrafa|minecrafb|minecrafc|minecrafd|minecrafe|minecraff|minecrafg|minecrafh|minecrafi|minecrafj|minecrafk|minecrafl|minecrafm|minecrafn|minecrafo|minecrafp|minecrafq|minecrafr|minecrafs|minecrafu|minecrafv|minecrafw|minecrafx|minecrafy|minecrafz|minecragt|minecraht|minecrait|minecrajt|minecrakt|minecralt|minecramt|minecrant|minecraot|minecrapt|minecraqt|minecrart|minecrast|minecratf|minecratt|minecraut|minecravt|minecrawt|minecraxt|minecrayt|minecrazt|minecrbft|minecrcft|minecrdft|minecreft|minecrfat|minecrfft|minecrgft|minecrhft|minecrift|minecrjft|minecrkft|minecrlft|minecrmft|minecrnft|minecroft|minecrpft|minecrqft|minecrrft|minecrsft|minecrtft|minecruft|minecrvft|minecrwft|minecrxft|minecryft|minecrzft|minecsaft|minectaft|minecuaft|minecvaft|minecwaft|minecxaft|minecyaft|mineczaft|minedraft|mineeraft|minefraft|minegraft|minehraft|mineiraft|minejraft|minekraft|minelraft|minemraft|minenraft|mineoraft|minepraft|mineqraft|minercaft|minerraft|minesraft|minetraft|mineuraft|minevraft|minewraft|minexraft|mineyraft|minezraft|minfcraft|mingcraft|minhcraft|minicraft|minjcraft|minkcraft|minlcraft|minmcraft|minncraft|minocraft|minpcraft|minqcraft|minrcraft|minscraft|mintcraft|minucraft|minvcraft|minwcraft|minxcraft|minycraft|minzcraft|mioecraft|mipecraft|miqecraft|mirecraft|misecraft|mitecraft|miuecraft|mivecraft|miwecraft|mixecraft|miyecraft|mizecraft|mjnecraft|mknecraft|mlnecraft|mmnecraft|mniecraft|mnnecraft|monecraft|mpnecraft|mqnecraft|mrnecraft|msnecraft|mtnecraft|munecraft|mvnecraft|mwnecraft|mxnecraft|mynecraft|mznecraft|ninecraft|oinecraft|pinecraft|qinecraft|rinecraft|sinecraft|tinecraft|uinecraft|vinecraft|winecraft|xinecraft|yinecraft|zinecraft
  pattern aminecraft|bminecraft|cminecraft|dminecraft|eminecraft|fminecraft|gminecraft|hminecraft|iminecraft|jminecraft|kminecraft|lminecraft|mainecraft|mbinecraft|mcinecraft|mdinecraft|meinecraft|mfinecraft|mginecraft|mhinecraft|mianecraft|mibnecraft|micnecraft|midnecraft|mienecraft|mifnecraft|mignecraft|mihnecraft|miinecraft|mijnecraft|miknecraft|milnecraft|mimnecraft|minaecraft|minbecraft|mincecraft|mindecraft|mineacraft|minebcraft|minecaraft|minecbraft|mineccraft|minecdraft|mineceraft|minecfraft|minecgraft|minechraft|mineciraft|minecjraft|mineckraft|mineclraft|minecmraft|minecnraft|minecoraft|minecpraft|minecqraft|minecraaft|minecrabft|minecracft|minecradft|minecraeft|minecrafat|minecrafbt|minecrafct|minecrafdt|minecrafet|minecrafft|minecrafgt|minecrafht|minecrafit|minecrafjt|minecrafkt|minecraflt|minecrafmt|minecrafnt|minecrafot|minecrafpt|minecrafqt|minecrafrt|minecrafst|minecrafta|minecraftb|minecraftc|minecraftd|minecrafte|minecraftf|minecraftg|minecrafth|minecrafti|minecraftj|minecraftk|minecraftl|minecraftm|minecraftn|minecrafto|minecraftp|minecraftq|minecraftr|minecrafts|minecraftt|minecraftu|minecraftv|minecraftw|minecraftx|minecrafty|minecraftz|minecrafut|minecrafvt|minecrafwt|minecrafxt|minecrafyt|minecrafzt|minecragft|minecrahft|minecraift|minecrajft|minecrakft|minecralft|minecramft|minecranft|minecraoft|minecrapft|minecraqft|minecrarft|minecrasft|minecratft|minecrauft|minecravft|minecrawft|minecraxft|minecrayft|minecrazft|minecrbaft|minecrcaft|minecrdaft|minecreaft|minecrfaft|minecrgaft|minecrhaft|minecriaft|minecrjaft|minecrkaft|minecrlaft|minecrmaft|minecrnaft|minecroaft|minecrpaft|minecrqaft|minecrraft|minecrsaft|minecrtaft|minecruaft|minecrvaft|minecrwaft|minecrxaft|minecryaft|minecrzaft|minecsraft|minectraft|minecuraft|minecvraft|minecwraft|minecxraft|minecyraft|mineczraft|minedcraft|mineecraft|minefcraft|minegcraft|minehcraft|mineicraft|minejcraft|minekcraft|minelcraft|minemcraft|minencraft|mineocraft|minepcraft|mineqcraft|minercraft|minescraft|minetcraft|mineucraft|minevcraft|minewcraft|minexcraft|mineycraft|minezcraft|minfecraft|mingecraft|minhecraft|miniecraft|minjecraft|minkecraft|minlecraft|minmecraft|minnecraft|minoecraft|minpecraft|minqecraft|minrecraft|minsecraft|mintecraft|minuecraft|minvecraft|minwecraft|minxecraft|minyecraft|minzecraft|mionecraft|mipnecraft|miqnecraft|mirnecraft|misnecraft|mitnecraft|miunecraft|mivnecraft|miwnecraft|mixnecraft|miynecraft|miznecraft|mjinecraft|mkinecraft|mlinecraft|mminecraft|mninecraft|moinecraft|mpinecraft|mqinecraft|mrinecraft|msinecraft|mtinecraft|muinecraft|mvinecraft|mwinecraft|mxinecraft|myinecraft|mzinecraft|nminecraft|ominecraft|pminecraft|qminecraft|rminecraft|sminecraft|tminecraft|uminecraft|vminecraft|wminecraft|xminecraft|yminecraft|zminecraft
  # roblox: 337 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern oblox|rblox|roblo|roblx|robox|rolox
  pattern aoblox|boblox|coblox|doblox|eoblox|foblox|goblox|hoblox|ioblox|joblox|koblox|loblox|moblox|noblox|ooblox|orblox|poblox|qoblox|rablox|rbblox|rbolox|rcblox|rdblox|reblox|rfblox|rgblox|rhblox|riblox|rjblox|rkblox|rlblox|rmblox|rnblox|roalox|robaox|robbox|robcox|robdox|robeox|robfox|robgox|robhox|robiox|robjox|robkox|roblax|roblbx|roblcx|robldx|roblex|roblfx|roblgx|roblhx|roblix|robljx|roblkx|robllx|roblmx|roblnx|robloa|roblob|robloc|roblod|robloe|roblof|roblog|robloh|robloi|robloj|roblok|roblol|roblom|roblon|robloo|roblop|robloq|roblor|roblos|roblot|roblou|roblov|roblow|robloy|robloz|roblpx|roblqx|roblrx|roblsx|robltx|roblux|roblvx|roblwx|roblxo|roblxx|roblyx|roblzx|robmox|robnox|robolx|roboox|robpox|robqox|robrox|robsox|robtox|robuox|robvox|robwox|robxox|robyox|robzox|roclox|rodlox|roelox|roflox|roglox|rohlox|roilox|rojlox|roklox|rolbox|rollox|romlox|ronlox|roolox|roplox|roqlox|rorlox|roslox|rotlox|roulox|rovlox|rowlox|roxlox|roylox|rozlox|rpblox|rqblox|rrblox|rsblox|rtblox|rublox|rvblox|rwblox|rxblox|ryblox|rzblox|soblox|toblox|uoblox|voblox|woblox|xoblox|yoblox|zoblox
  pattern aroblox|broblox|croblox|droblox|eroblox|froblox|groblox|hroblox|iroblox|jroblox|kroblox|lroblox|mroblox|nroblox|oroblox|problox|qroblox|raoblox|rboblox|rcoblox|rdoblox|reoblox|rfoblox|rgoblox|rhoblox|rioblox|rjoblox|rkoblox|rloblox|rmoblox|rnoblox|roablox|robalox|robblox|robclox|robdlox|robelox|robflox|robglox|robhlox|robilox|robjlox|robklox|roblaox|roblbox|roblcox|robldox|robleox|roblfox|roblgox|roblhox|robliox|robljox|roblkox|robllox|roblmox|roblnox|robloax|roblobx|roblocx|roblodx|robloex|roblofx|roblogx|roblohx|robloix|roblojx|roblokx|roblolx|roblomx|roblonx|robloox|roblopx|robloqx|roblorx|roblosx|roblotx|robloux|roblovx|roblowx|robloxa|robloxb|robloxc|robloxd|robloxe|robloxf|robloxg|robloxh|robloxi|robloxj|robloxk|robloxl|robloxm|robloxn|robloxo|robloxp|robloxq|robloxr|robloxs|robloxt|robloxu|robloxv|robloxw|robloxx|robloxy|robloxz|robloyx|roblozx|roblpox|roblqox|roblrox|roblsox|robltox|robluox|roblvox|roblwox|roblxox|roblyox|roblzox|robmlox|robnlox|robolox|robplox|robqlox|robrlox|robslox|robtlox|robulox|robvlox|robwlox|robxlox|robylox|robzlox|rocblox|rodblox|roeblox|rofblox|rogblox|rohblox|roiblox|rojblox|rokblox|rolblox|romblox|ronblox|rooblox|ropblox|roqblox|rorblox|rosblox|rotblox|roublox|rovblox|rowblox|roxblox|royblox|rozblox|rpoblox|rqoblox|rroblox|rsoblox|rtoblox|ruoblox|rvoblox|rwoblox|rxoblox|ryoblox|rzoblox|sroblox|troblox|uroblox|vroblox|wroblox|xroblox|yroblox|zroblox
  # playstation: 597 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern laystation|paystation|plastation|playsation|playstaion|playstatin|playstatio|playstaton|playsttion|playtation|plystation
  pattern alaystation|blaystation|claystation|dlaystation|elaystation|flaystation|glaystation|hlaystation|ilaystation|jlaystation|klaystation|llaystation|lpaystation|mlaystation|nlaystation|olaystation|paaystation|palystation|pbaystation|pcaystation|pdaystation|peaystation|pfaystation|pgaystation|phaystation|piaystation|pjaystation|pkaystation|plaastation|plabstation|placstation|pladstation|plaestation|plafstation|plagstation|plahstation|plaistation|plajstation|plakstation|plalstation|plamstation|planstation|plaostation|plapstation|plaqstation|plarstation|plasstation|plasytation|platstation|plaustation|plavstation|plawstation|plaxstation|playatation|playbtation|playctation|playdtation|playetation|playftation|playgtation|playhtation|playitation|playjtation|playktation|playltation|playmtation|playntation|playotation|playptation|playqtation|playrtation|playsaation|playsattion|playsbation|playscation|playsdation|playseation|playsfation|playsgation|playshation|playsiation|playsjation|playskation|playslation|playsmation|playsnation|playsoation|playspation|playsqation|playsration|playssation|playstaaion|playstabion|playstacion|playstadion|playstaeion|playstafion|playstagion|playstahion|playstaiion|playstaiton|playstajion|playstakion|playstalion|playstamion|playstanion|playstaoion|playstapion|playstaqion|playstarion|playstasion|playstataon|playstatbon|playstatcon|playstatdon|playstateon|playstatfon|playstatgon|playstathon|playstatian|playstatibn|playstaticn|playstatidn|playstatien|playstatifn|playstatign|playstatihn|playstatiin|playstatijn|playstatikn|playstatiln|playstatimn|playstatinn|playstatino|playstatioa|playstatiob|playstatioc|playstatiod|playstatioe|playstatiof|playstatiog|playstatioh|playstatioi|playstatioj|playstatiok|playstatiol|playstatiom|playstatioo|playstatiop|playstatioq|playstatior|playstatios|playstatiot|playstatiou|playstatiov|playstatiow|playstatiox|playstatioy|playstatioz|playstatipn|playstatiqn|playstatirn|playstatisn|playstatitn|playstatiun|playstativn|playstatiwn|playstatixn|playstatiyn|playstatizn|playstatjon|playstatkon|playstatlon|playstatmon|playstatnon|playstatoin|playstatoon|playstatpon|playstatqon|playstatron|playstatson|playstatton|playstatuon|playstatvon|playstatwon|playstatxon|playstatyon|playstatzon|playstauion|playstavion|playstawion|playstaxion|playstayion|playstazion|playstbtion|playstction|playstdtion|playstetion|playstftion|playstgtion|playsthtion|playstition|playstjtion|playstktion|playstltion|playstmtion|playstntion|playstotion|playstption|playstqtion|playstrtion|playststion|playsttaion|playstttion|playstution|playstvtion|playstwtion|playstxtion|playstytion|playstztion|playsuation|playsvation|playswation|playsxation|playsyation|playszation|playtsation|playttation|playutation|playvtation|playwtation|playxtation|playytation|playztation|plazstation|plbystation|plcystation|pldystation|pleystation|plfystation|plgystation|plhystation|pliystation|pljystation|plkystation|pllystation|plmystation|plnystation|ploystation|plpystation|plqystation|plrystation|plsystation|pltystation|pluystation|plvystation|plwystation|plxystation|plyastation|plyystation|plzystation|pmaystation|pnaystation|poaystation|ppaystation|pqaystation|praystation|psaystation|ptaystation|puaystation|pvaystation|pwaystation|pxaystation|pyaystation|pzaystation|qlaystation|rlaystation|slaystation|tlaystation|ulaystation|vlaystation|wlaystation|xlaystation|ylaystation|zlaystation
  pattern aplaystation|bplaystation|cplaystation|dplaystation|eplaystation|fplaystation|gplaystation|hplaystation|iplaystation|jplaystation|kplaystation|lplaystation|mplaystation|nplaystation|oplaystation|palaystation|pblaystation|pclaystation|pdlaystation|pelaystation|pflaystation|pglaystation|phlaystation|pilaystation|pjlaystation|pklaystation|plaaystation|plabystation|placystation|pladystation|plaeystation|plafystation|plagystation|plahystation|plaiystation|plajystation|plakystation|plalystation|plamystation|planystation|plaoystation|plapystation|plaqystation|plarystation|plasystation|platystation|plauystation|plavystation|plawystation|plaxystation|playastation|playbstation|playcstation|playdstation|playestation|playfstation|playgstation|playhstation|playistation|playjstation|playkstation|playlstation|playmstation|playnstation|playostation|playpstation|playqstation|playrstation|playsatation|playsbtation|playsctation|playsdtation|playsetation|playsftation|playsgtation|playshtation|playsitation|playsjtation|playsktation|playsltation|playsmtation|playsntation|playsotation|playsptation|playsqtation|playsrtation|playsstation|playstaation|playstabtion|playstaction|playstadtion|playstaetion|playstaftion|playstagtion|playstahtion|playstaition|playstajtion|playstaktion|playstaltion|playstamtion|playstantion|playstaotion|playstaption|playstaqtion|playstartion|playstastion|playstataion|playstatbion|playstatcion|playstatdion|playstateion|playstatfion|playstatgion|playstathion|playstatiaon|playstatibon|playstaticon|playstatidon|playstatieon|playstatifon|playstatigon|playstatihon|playstatiion|playstatijon|playstatikon|playstatilon|playstatimon|playstatinon|playstatioan|playstatiobn|playstatiocn|playstatiodn|playstatioen|playstatiofn|playstatiogn|playstatiohn|playstatioin|playstatiojn|playstatiokn|playstatioln|playstatiomn|playstationa|playstationb|playstationc|playstationd|playstatione|playstationf|playstationg|playstationh|playstationi|playstationj|playstationk|playstationl|playstationm|playstationn|playstationo|playstationp|playstationq|playstationr|playstations|playstationt|playstationu|playstationv|playstationw|playstationx|playstationy|playstationz|playstatioon|playstatiopn|playstatioqn|playstatiorn|playstatiosn|playstatiotn|playstatioun|playstatiovn|playstatiown|playstatioxn|playstatioyn|playstatiozn|playstatipon|playstatiqon|playstatiron|playstatison|playstatiton|playstatiuon|playstativon|playstatiwon|playstatixon|playstatiyon|playstatizon|playstatjion|playstatkion|playstatlion|playstatmion|playstatnion|playstatoion|playstatpion|playstatqion|playstatrion|playstatsion|playstattion|playstatuion|playstatvion|playstatwion|playstatxion|playstatyion|playstatzion|playstaution|playstavtion|playstawtion|playstaxtion|playstaytion|playstaztion|playstbation|playstcation|playstdation|playsteation|playstfation|playstgation|playsthation|playstiation|playstjation|playstkation|playstlation|playstmation|playstnation|playstoation|playstpation|playstqation|playstration|playstsation|playsttation|playstuation|playstvation|playstwation|playstxation|playstyation|playstzation|playsutation|playsvtation|playswtation|playsxtation|playsytation|playsztation|playtstation|playustation|playvstation|playwstation|playxstation|playystation|playzstation|plazystation|plbaystation|plcaystation|pldaystation|pleaystation|plfaystation|plgaystation|plhaystation|pliaystation|pljaystation|plkaystation|pllaystation|plmaystation|plnaystation|ploaystation|plpaystation|plqaystation|plraystation|plsaystation|pltaystation|pluaystation|plvaystation|plwaystation|plxaystation|plyaystation|plzaystation|pmlaystation|pnlaystation|polaystation|pplaystation|pqlaystation|prlaystation|pslaystation|ptlaystation|pulaystation|pvlaystation|pwlaystation|pxlaystation|pylaystation|pzlaystation|qplaystation|rplaystation|splaystation|tplaystation|uplaystation|vplaystation|wplaystation|xplaystation|yplaystation|zplaystation
  match met while playing Fortnite
  match party chat on Xbox Live
  match through online gaming
  match they were playing fortnight together
  match contact the IP on fortnight
  match chatted on Among Us
  match via PS party chat
  match on Nintendo Switch online
  match added her on Steam
  match THROUGH Steam he sent her gift cards
  match they chatted in the game chat on Roblox
  match met on Minecraft
  match gave her robux for pictures
  match talked on PS4 every night
  match sent messages on his play station
  match he bought her Steam gift cards
  nomatch cod and chips
  nomatch the windows were steamed up
  nomatch Steam cleaning equipment was seized
  nomatch released a fortnight ago
  nomatch no one among us would find out
  nomatch PS Jones attended the scene
  nomatch she needed to let off steam
  nomatch the steam train was late
  nomatch he used steam to clean the carpet
  nomatch using steam to remove the wallpaper
  match he was using Steam to chat to her
  nomatch for a fortnight he messaged her

platform kik Kik
  pattern {near=provider_cue:30} kik
  pattern {near=list_name:8} kik
  pattern kik(?:{{sep1}}messenger)?
  pattern kik(?:s|ed|ing|{{apos}}d)? (?:app|chats?|messages?|msgs?|accounts?|usernames?|user ?names?|groups?)
  pattern {partial} kik\.(?:me|com)
  exclude kik(?:s|ed|ing|{{apos}}d)? (?:off|out|him|her|them|the door|in the|down|it)
  match chatting on Kik
  match added on kik messenger
  match his kik username was Leo
  nomatch SUSP kicked the door
  nomatch kicks off
  nomatch SUSP kik the door in

platform twitter Twitter / X
  pattern twitt?er(?:s)?
  pattern tweet(?:s|ed|ing|er)?|retweet(?:s|ed|ing)?
  pattern {partial} twitter\.com
  pattern {partial,valid=2023-07-24..} \bx\.com/
  pattern {case,valid=2023-07-24..} (?:on|via|over|onto|On|Via) X
  pattern {case,valid=2023-07-24..} X (?:account|accounts|app|post|posts|posted|profile|profiles|handle|handles|username|usernames|platform|user|users|page|feed|bio|messages|DMs?|DM'd)
  pattern {case,valid=2023-07-24..} (?:platform|site|app) X
  exclude {case} (?:on|via|over|onto|On|Via) X{{apos}}s
  exclude {case} on X (?:occasions?|dates?|days?|times?|number|amount)
  exclude {case} X{{sep1}}(?:rays?|ray'?d|rated|Factor)
  exclude {case} (?:Mr|Mrs|Ms|Miss|Dr|Child|Person|Victim|Witness|Defendant|Suspect|Baby|Girl|Boy|Complainant|Student|Pupil|Family|Company|Street|Road|Block|Ward|Flat|Unit|Room|Level|Year|Class|Form|Section|Exhibit|Generation|Gen|Malcolm|Planet|Brand|Mother|Father|Sister|Brother|Aunt|Uncle|Doctor|Teacher|Officer|Nurse) X
  # twitter: 387 edit-distance-1 variants; 5 dropped as words of /usr/share/dict/british-english: atwitter, titter, twister, twitted, twitters
  pattern twiter|twitte|twittr|twtter|witter
  pattern awitter|bwitter|cwitter|dwitter|ewitter|fwitter|gwitter|hwitter|iwitter|jwitter|kwitter|lwitter|mwitter|nwitter|owitter|pwitter|qwitter|rwitter|switter|taitter|tbitter|tcitter|tditter|teitter|tfitter|tgitter|thitter|tiitter|tiwtter|tjitter|tkitter|tlitter|tmitter|tnitter|toitter|tpitter|tqitter|tritter|tsitter|ttitter|tuitter|tvitter|twatter|twbtter|twctter|twdtter|twetter|twftter|twgtter|twhtter|twiater|twibter|twicter|twidter|twieter|twifter|twigter|twihter|twiiter|twijter|twikter|twilter|twimter|twinter|twioter|twipter|twiqter|twirter|twitaer|twitber|twitcer|twitder|twiteer|twitetr|twitfer|twitger|twither|twitier|twitjer|twitker|twitler|twitmer|twitner|twitoer|twitper|twitqer|twitrer|twitser|twittar|twittbr|twittcr|twittdr|twittea|twitteb|twittec|twittee|twittef|twitteg|twitteh|twittei|twittej|twittek|twittel|twittem|twitten|twitteo|twittep|twitteq|twittes|twittet|twitteu|twittev|twittew|twittex|twittey|twittez|twittfr|twittgr|twitthr|twittir|twittjr|twittkr|twittlr|twittmr|twittnr|twittor|twittpr|twittqr|twittre|twittrr|twittsr|twitttr|twittur|twittvr|twittwr|twittxr|twittyr|twittzr|twituer|twitver|twitwer|twitxer|twityer|twitzer|twiuter|twivter|twiwter|twixter|twiyter|twizter|twjtter|twktter|twltter|twmtter|twntter|twotter|twptter|twqtter|twrtter|twstter|twtiter|twttter|twutter|twvtter|twwtter|twxtter|twytter|twztter|txitter|tyitter|tzitter|uwitter|vwitter|wtitter|wwitter|xwitter|ywitter|zwitter
  pattern btwitter|ctwitter|dtwitter|etwitter|ftwitter|gtwitter|htwitter|itwitter|jtwitter|ktwitter|ltwitter|mtwitter|ntwitter|otwitter|ptwitter|qtwitter|rtwitter|stwitter|tawitter|tbwitter|tcwitter|tdwitter|tewitter|tfwitter|tgwitter|thwitter|tiwitter|tjwitter|tkwitter|tlwitter|tmwitter|tnwitter|towitter|tpwitter|tqwitter|trwitter|tswitter|ttwitter|tuwitter|tvwitter|twaitter|twbitter|twcitter|twditter|tweitter|twfitter|twgitter|twhitter|twiatter|twibtter|twictter|twidtter|twietter|twiftter|twigtter|twihtter|twiitter|twijtter|twiktter|twiltter|twimtter|twintter|twiotter|twiptter|twiqtter|twirtter|twistter|twitater|twitbter|twitcter|twitdter|twiteter|twitfter|twitgter|twithter|twititer|twitjter|twitkter|twitlter|twitmter|twitnter|twitoter|twitpter|twitqter|twitrter|twitster|twittaer|twittber|twittcer|twittder|twittear|twittebr|twittecr|twittedr|twitteer|twittefr|twittegr|twittehr|twitteir|twittejr|twittekr|twittelr|twittemr|twittenr|twitteor|twittepr|twitteqr|twittera|twitterb|twitterc|twitterd|twittere|twitterf|twitterg|twitterh|twitteri|twitterj|twitterk|twitterl|twitterm|twittern|twittero|twitterp|twitterq|twitterr|twittert|twitteru|twitterv|twitterw|twitterx|twittery|twitterz|twittesr|twittetr|twitteur|twittevr|twittewr|twittexr|twitteyr|twittezr|twittfer|twittger|twitther|twittier|twittjer|twittker|twittler|twittmer|twittner|twittoer|twittper|twittqer|twittrer|twittser|twittter|twittuer|twittver|twittwer|twittxer|twittyer|twittzer|twituter|twitvter|twitwter|twitxter|twityter|twitzter|twiutter|twivtter|twiwtter|twixtter|twiytter|twiztter|twjitter|twkitter|twlitter|twmitter|twnitter|twoitter|twpitter|twqitter|twritter|twsitter|twtitter|twuitter|twvitter|twwitter|twxitter|twyitter|twzitter|txwitter|tywitter|tzwitter|utwitter|vtwitter|wtwitter|xtwitter|ytwitter|ztwitter
  match DM on Twitter
  match posted tweets about V
  match SUSP tweeted about IP
  match {date=2024-02-01} SUSP messaged her on X
  match {date=2024-02-01} his X account was suspended
  match {date=2024-02-01} she posted on X, formerly Twitter
  nomatch {date=2023-01-10} SUSP messaged her on X
  nomatch the birds were twittering
  nomatch {date=2024-02-01} spoke to Mr X about the allegation
  nomatch {date=2024-02-01} Child X disclosed the abuse
  nomatch {date=2024-02-01} an X-ray showed the fracture
  nomatch {date=2024-02-01} images were found on X's phone

platform skype Skype
  pattern sk(?:yp|py|ipe|ipy)e
  pattern skyp(?:ed|ing|es|e'd)
  pattern {partial} skype\.com
  match video call on Skype
  match SUSP skyped IP
  match SUSP was skyping IP
  nomatch skyline

platform tiktok TikTok
  pattern tik{{sep}}to[ck]k?(?:s|ed|ing|er|ers)?
  pattern tic{{sep}}tok(?:s)?|tick{{sep}}tok(?:s)?|tiktoc
  pattern {partial} tiktok\.com
  # tiktok: 337 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern iktok|tikok|tiktk|tikto|titok|tktok
  pattern aiktok|biktok|ciktok|diktok|eiktok|fiktok|giktok|hiktok|iiktok|itktok|jiktok|kiktok|liktok|miktok|niktok|oiktok|piktok|qiktok|riktok|siktok|taktok|tbktok|tcktok|tdktok|tektok|tfktok|tgktok|thktok|tiatok|tibtok|tictok|tidtok|tietok|tiftok|tigtok|tihtok|tiitok|tijtok|tikaok|tikbok|tikcok|tikdok|tikeok|tikfok|tikgok|tikhok|tikiok|tikjok|tikkok|tiklok|tikmok|tiknok|tikook|tikotk|tikpok|tikqok|tikrok|tiksok|tiktak|tiktbk|tiktck|tiktdk|tiktek|tiktfk|tiktgk|tikthk|tiktik|tiktjk|tiktkk|tiktko|tiktlk|tiktmk|tiktnk|tiktoa|tiktob|tiktoc|tiktod|tiktoe|tiktof|tiktog|tiktoh|tiktoi|tiktoj|tiktol|tiktom|tikton|tiktoo|tiktop|tiktoq|tiktor|tiktos|tiktot|tiktou|tiktov|tiktow|tiktox|tiktoy|tiktoz|tiktpk|tiktqk|tiktrk|tiktsk|tikttk|tiktuk|tiktvk|tiktwk|tiktxk|tiktyk|tiktzk|tikuok|tikvok|tikwok|tikxok|tikyok|tikzok|tiltok|timtok|tintok|tiotok|tiptok|tiqtok|tirtok|tistok|titkok|tittok|tiutok|tivtok|tiwtok|tixtok|tiytok|tiztok|tjktok|tkitok|tkktok|tlktok|tmktok|tnktok|toktok|tpktok|tqktok|trktok|tsktok|ttktok|tuktok|tvktok|twktok|txktok|tyktok|tzktok|uiktok|viktok|wiktok|xiktok|yiktok|ziktok
  pattern atiktok|btiktok|ctiktok|dtiktok|etiktok|ftiktok|gtiktok|htiktok|itiktok|jtiktok|ktiktok|ltiktok|mtiktok|ntiktok|otiktok|ptiktok|qtiktok|rtiktok|stiktok|taiktok|tbiktok|tciktok|tdiktok|teiktok|tfiktok|tgiktok|thiktok|tiaktok|tibktok|ticktok|tidktok|tiektok|tifktok|tigktok|tihktok|tiiktok|tijktok|tikatok|tikbtok|tikctok|tikdtok|tiketok|tikftok|tikgtok|tikhtok|tikitok|tikjtok|tikktok|tikltok|tikmtok|tikntok|tikotok|tikptok|tikqtok|tikrtok|tikstok|tiktaok|tiktbok|tiktcok|tiktdok|tikteok|tiktfok|tiktgok|tikthok|tiktiok|tiktjok|tiktkok|tiktlok|tiktmok|tiktnok|tiktoak|tiktobk|tiktock|tiktodk|tiktoek|tiktofk|tiktogk|tiktohk|tiktoik|tiktojk|tiktoka|tiktokb|tiktokc|tiktokd|tiktoke|tiktokf|tiktokg|tiktokh|tiktoki|tiktokj|tiktokk|tiktokl|tiktokm|tiktokn|tiktoko|tiktokp|tiktokq|tiktokr|tiktoks|tiktokt|tiktoku|tiktokv|tiktokw|tiktokx|tiktoky|tiktokz|tiktolk|tiktomk|tiktonk|tiktook|tiktopk|tiktoqk|tiktork|tiktosk|tiktotk|tiktouk|tiktovk|tiktowk|tiktoxk|tiktoyk|tiktozk|tiktpok|tiktqok|tiktrok|tiktsok|tikttok|tiktuok|tiktvok|tiktwok|tiktxok|tiktyok|tiktzok|tikutok|tikvtok|tikwtok|tikxtok|tikytok|tikztok|tilktok|timktok|tinktok|tioktok|tipktok|tiqktok|tirktok|tisktok|titktok|tiuktok|tivktok|tiwktok|tixktok|tiyktok|tizktok|tjiktok|tkiktok|tliktok|tmiktok|tniktok|toiktok|tpiktok|tqiktok|triktok|tsiktok|ttiktok|tuiktok|tviktok|twiktok|txiktok|tyiktok|tziktok|utiktok|vtiktok|wtiktok|xtiktok|ytiktok|ztiktok
  match videos on TikTok
  match tik-tok account
  match on tik.tok
  match commented on IP's TikToks
  match messaged her on tik tok
  match she met him on tiktock
  nomatch tick tock
  nomatch the clock went tick tock

platform facetime FaceTime
  pattern face{{sep}}tim(?:e|ed|ing|es|e{{apos}}d)
  pattern {case} (?:on|via|over|ON|VIA) FT
  exclude face time together
  exclude face time with (?:her|him|them|his|their|each other|family|friends)
  exclude (?:more|less|some|enough|much|little|any|quality|regular|spend|spends|spent|spending|get|gets|got|have|had|has) face time
  # facetime: 441 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern acetime|faceime|facetie|facetim|facetme|factime|faetime|fcetime
  pattern aacetime|afcetime|bacetime|cacetime|dacetime|eacetime|faaetime|fabetime|facatime|facbtime|facctime|facdtime|faceaime|facebime|facecime|facedime|faceeime|facefime|facegime|facehime|faceiime|faceitme|facejime|facekime|facelime|facemime|facenime|faceoime|facepime|faceqime|facerime|facesime|facetame|facetbme|facetcme|facetdme|faceteme|facetfme|facetgme|facethme|facetiae|facetibe|facetice|facetide|facetiee|facetiem|facetife|facetige|facetihe|facetiie|facetije|facetike|facetile|facetima|facetimb|facetimc|facetimd|facetimf|facetimg|facetimh|facetimi|facetimj|facetimk|facetiml|facetimm|facetimn|facetimo|facetimp|facetimq|facetimr|facetims|facetimt|facetimu|facetimv|facetimw|facetimx|facetimy|facetimz|facetine|facetioe|facetipe|facetiqe|facetire|facetise|facetite|facetiue|facetive|facetiwe|facetixe|facetiye|facetize|facetjme|facetkme|facetlme|facetmie|facetmme|facetnme|facetome|facetpme|facetqme|facetrme|facetsme|facettme|facetume|facetvme|facetwme|facetxme|facetyme|facetzme|faceuime|facevime|facewime|facexime|faceyime|facezime|facftime|facgtime|fachtime|facitime|facjtime|facktime|facltime|facmtime|facntime|facotime|facptime|facqtime|facrtime|facstime|facteime|facttime|facutime|facvtime|facwtime|facxtime|facytime|facztime|fadetime|faectime|faeetime|fafetime|fagetime|fahetime|faietime|fajetime|faketime|faletime|fametime|fanetime|faoetime|fapetime|faqetime|faretime|fasetime|fatetime|fauetime|favetime|fawetime|faxetime|fayetime|fazetime|fbcetime|fcaetime|fccetime|fdcetime|fecetime|ffcetime|fgcetime|fhcetime|ficetime|fjcetime|fkcetime|flcetime|fmcetime|fncetime|focetime|fpcetime|fqcetime|frcetime|fscetime|ftcetime|fucetime|fvcetime|fwcetime|fxcetime|fycetime|fzcetime|gacetime|hacetime|iacetime|jacetime|kacetime|lacetime|macetime|nacetime|oacetime|pacetime|qacetime|racetime|sacetime|tacetime|uacetime|vacetime|wacetime|xacetime|yacetime|zacetime
  pattern afacetime|bfacetime|cfacetime|dfacetime|efacetime|faacetime|fabcetime|facaetime|facbetime|faccetime|facdetime|faceatime|facebtime|facectime|facedtime|faceetime|faceftime|facegtime|facehtime|faceitime|facejtime|facektime|faceltime|facemtime|facentime|faceotime|faceptime|faceqtime|facertime|facestime|facetaime|facetbime|facetcime|facetdime|faceteime|facetfime|facetgime|facethime|facetiame|facetibme|faceticme|facetidme|facetieme|facetifme|facetigme|facetihme|facetiime|facetijme|facetikme|facetilme|facetimae|facetimbe|facetimce|facetimde|facetimea|facetimeb|facetimec|facetimed|facetimee|facetimef|facetimeg|facetimeh|facetimei|facetimej|facetimek|facetimel|facetimem|facetimen|facetimeo|facetimep|facetimeq|facetimer|facetimes|facetimet|facetimeu|facetimev|facetimew|facetimex|facetimey|facetimez|facetimfe|facetimge|facetimhe|facetimie|facetimje|facetimke|facetimle|facetimme|facetimne|facetimoe|facetimpe|facetimqe|facetimre|facetimse|facetimte|facetimue|facetimve|facetimwe|facetimxe|facetimye|facetimze|facetinme|facetiome|facetipme|facetiqme|facetirme|facetisme|facetitme|facetiume|facetivme|facetiwme|facetixme|facetiyme|facetizme|facetjime|facetkime|facetlime|facetmime|facetnime|facetoime|facetpime|facetqime|facetrime|facetsime|facettime|facetuime|facetvime|facetwime|facetxime|facetyime|facetzime|faceutime|facevtime|facewtime|facextime|faceytime|faceztime|facfetime|facgetime|fachetime|facietime|facjetime|facketime|facletime|facmetime|facnetime|facoetime|facpetime|facqetime|facretime|facsetime|factetime|facuetime|facvetime|facwetime|facxetime|facyetime|faczetime|fadcetime|faecetime|fafcetime|fagcetime|fahcetime|faicetime|fajcetime|fakcetime|falcetime|famcetime|fancetime|faocetime|fapcetime|faqcetime|farcetime|fascetime|fatcetime|faucetime|favcetime|fawcetime|faxcetime|faycetime|fazcetime|fbacetime|fcacetime|fdacetime|feacetime|ffacetime|fgacetime|fhacetime|fiacetime|fjacetime|fkacetime|flacetime|fmacetime|fnacetime|foacetime|fpacetime|fqacetime|fracetime|fsacetime|ftacetime|fuacetime|fvacetime|fwacetime|fxacetime|fyacetime|fzacetime|gfacetime|hfacetime|ifacetime|jfacetime|kfacetime|lfacetime|mfacetime|nfacetime|ofacetime|pfacetime|qfacetime|rfacetime|sfacetime|tfacetime|ufacetime|vfacetime|wfacetime|xfacetime|yfacetime|zfacetime
  match called on FaceTime
  match facetimed IP
  match SUSP was facetiming IP
  match video called her on face-time
  match they spoke on face time with the camera on
  nomatch face to face
  nomatch more face time with her social worker
  nomatch SUSP wanted face time with her
  match FaceTime with her later that night

platform discord Discord
  pattern {near=provider_cue:30} discord
  pattern {near=list_name:8} discord
  pattern {{use}}{{sep1}}discord
  pattern {{move}}{{sep1}}discord
  pattern discord{{sep}}(?:servers?|channels?|chats?|apps?|accounts?|groups?|usernames?|user ?names?|dms?|calls?|nitro|handles?|profiles?|messages?|msgs?|voice|tags?|friends?|communit(?:y|ies))
  pattern {partial} discord(?:app)?\.(?:gg|com)
  pattern {near=chat_cue:30} discord
  pattern {case} Discord
  pattern discrod|dicsord|disocrd|discrd|disord app
  exclude discords? (?:between|among|amongst|within) (?:the |his |her |their )?(?:parents|family|families|couple|siblings|brothers|sisters|partners|mother|father|mum|dad|them|two|pair|neighbours|households?|members|staff|group)
  exclude discords? in (?:the|their|his|her) (?:family|home|relationship|marriage|household)
  exclude {case} Discord (?:had|arose|grew|erupted|followed|ensued|developed|emerged)
  exclude (?:family|families|marital|domestic|parental|political|civil|internal|much|considerable|growing|bitter|great|ongoing|constant|sow|sows|sowed|sowing|sown|cause|caused|causing|create|created|creating) discord
  match joined a Discord server
  match contacted V via Discord between 1700 and 1800 hrs
  match they spoke in Discord voice chat
  match messages on discord were recovered
  match she was added to a Discord group
  match SUSP messaged IP using Discrd
  match DATA REQUEST TO DISCORD FOR THE ACCOUNT
  nomatch history of family discord
  nomatch discord between the parents
  nomatch Discord between the parents led to the separation
  nomatch Discord had grown between the brothers
  match Discord said it had banned the account
  nomatch there was much discord in the household

platform omegle Omegle
  pattern omegle|omegel|omegal|omeagle|omeggle
  pattern {partial} omegle\.com
  # omegle: 337 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern megle|oegle|omege|omegl|omele|omgle
  pattern amegle|bmegle|cmegle|dmegle|emegle|fmegle|gmegle|hmegle|imegle|jmegle|kmegle|lmegle|mmegle|moegle|nmegle|oaegle|obegle|ocegle|odegle|oeegle|oemgle|ofegle|ogegle|ohegle|oiegle|ojegle|okegle|olegle|omagle|ombgle|omcgle|omdgle|omeale|omeble|omecle|omedle|omeele|omefle|omegae|omegbe|omegce|omegde|omegee|omegel|omegfe|omegge|omeghe|omegie|omegje|omegke|omegla|omeglb|omeglc|omegld|omeglf|omeglg|omeglh|omegli|omeglj|omeglk|omegll|omeglm|omegln|omeglo|omeglp|omeglq|omeglr|omegls|omeglt|omeglu|omeglv|omeglw|omeglx|omegly|omeglz|omegme|omegne|omegoe|omegpe|omegqe|omegre|omegse|omegte|omegue|omegve|omegwe|omegxe|omegye|omegze|omehle|omeile|omejle|omekle|omelge|omelle|omemle|omenle|omeole|omeple|omeqle|omerle|omesle|ometle|omeule|omevle|omewle|omexle|omeyle|omezle|omfgle|omgele|omggle|omhgle|omigle|omjgle|omkgle|omlgle|ommgle|omngle|omogle|ompgle|omqgle|omrgle|omsgle|omtgle|omugle|omvgle|omwgle|omxgle|omygle|omzgle|onegle|ooegle|opegle|oqegle|oregle|osegle|otegle|ouegle|ovegle|owegle|oxegle|oyegle|ozegle|pmegle|qmegle|rmegle|smegle|tmegle|umegle|vmegle|wmegle|xmegle|ymegle|zmegle
  pattern aomegle|bomegle|comegle|domegle|eomegle|fomegle|gomegle|homegle|iomegle|jomegle|komegle|lomegle|momegle|nomegle|oamegle|obmegle|ocmegle|odmegle|oemegle|ofmegle|ogmegle|ohmegle|oimegle|ojmegle|okmegle|olmegle|omaegle|ombegle|omcegle|omdegle|omeagle|omebgle|omecgle|omedgle|omeegle|omefgle|omegale|omegble|omegcle|omegdle|omegele|omegfle|omeggle|omeghle|omegile|omegjle|omegkle|omeglae|omeglbe|omeglce|omeglde|omeglea|omegleb|omeglec|omegled|omeglee|omeglef|omegleg|omegleh|omeglei|omeglej|omeglek|omeglel|omeglem|omeglen|omegleo|omeglep|omegleq|omegler|omegles|omeglet|omegleu|omeglev|omeglew|omeglex|omegley|omeglez|omeglfe|omeglge|omeglhe|omeglie|omeglje|omeglke|omeglle|omeglme|omeglne|omegloe|omeglpe|omeglqe|omeglre|omeglse|omeglte|omeglue|omeglve|omeglwe|omeglxe|omeglye|omeglze|omegmle|omegnle|omegole|omegple|omegqle|omegrle|omegsle|omegtle|omegule|omegvle|omegwle|omegxle|omegyle|omegzle|omehgle|omeigle|omejgle|omekgle|omelgle|omemgle|omengle|omeogle|omepgle|omeqgle|omergle|omesgle|ometgle|omeugle|omevgle|omewgle|omexgle|omeygle|omezgle|omfegle|omgegle|omhegle|omiegle|omjegle|omkegle|omlegle|ommegle|omnegle|omoegle|ompegle|omqegle|omregle|omsegle|omtegle|omuegle|omvegle|omwegle|omxegle|omyegle|omzegle|onmegle|oomegle|opmegle|oqmegle|ormegle|osmegle|otmegle|oumegle|ovmegle|owmegle|oxmegle|oymegle|ozmegle|pomegle|qomegle|romegle|somegle|tomegle|uomegle|vomegle|womegle|xomegle|yomegle|zomegle
  match met on Omegle
  match chatted on omegel
  nomatch omelette

# Other online services: the online element outside the 16 (issue: "that had an online
# element"). Its own row, not part of ANY; the ONLINE row counts crimes naming a listed
# platform or one of these. Named services always count; generic words (online, internet,
# social media, website, an app, webcam...) count only in a text that names none of the 16,
# so that "met online, then Snapchat" is not another service.
term listed_name (?:face{{sep}}book|fb|insta{{sep}}gram|insta|what{{apos}}s{{sep}}app|snap{{sep}}chat|snaps?|imessage|telegram|signal|twitch|x{{sep}}box|ps[2345]|play{{sep}}station|fortnite|fortnight|roblox|minecraft|steam|kik|twitter|tweet(?:s|ed|ing)?|skype|tik{{sep}}tok|face{{sep}}time|discord|omegle|online gam(?:e|es|ing)|gaming|messenger|gta|grand theft auto|call of duty|warzone|among us|nintendo|psn|steam|fifa|multi{{sep}}player)
platform other_online Other online service
  outside-any
  pattern you{{sep}}tube(?:s|r|rs)?|yt shorts|youtu\.be
  pattern yubo|yellow app|wizz app|livu|holla app|monkey app|chat{{sep}}roulette|chatrandom|emerald chat|ome\.tv|ometv|azar app|hoop app
  pattern tinder|grindr|bumble app|badoo|plenty of fish|pof app|hinge app|hot or not|meetme app|tagged app|jack'?d app|scruff app|lovoo|skout|mocospace
  pattern only{{sep}}fans|fansly|reddit|tumblr|pinterest|linked{{sep}}in|viber|we{{sep}}chat|line app|be{{sep}}real|houseparty|house party app|live\.me|bigo(?: live)?|periscope|vine app|ask\.fm|ask fm|tellonym|sarahah|yik yak|whisper app|wattpad|quora|vk\.com|vkontakte|threema|wickr|session app|element app
  pattern {case} (?:on|via|over|ON|VIA) (?:Threads|Zoom|Teams|Hinge|Yubo|Wizz|Vinted|Depop|Gumtree|eBay|Bumble)
  pattern zoom{{sep}}(?:calls?|meetings?|chats?)|google meet|microsoft teams|ms teams|google hangouts|hangouts|gmail|hotmail|yahoo mail|outlook\.com
  pattern dark{{sep}}web|tor browser|onion site|deep web
  pattern {unless=listed_name} online|on-line|internet|web{{sep}}sites?|web ?pages?|the web|world wide web
  pattern {partial,unless=listed_name} \b(?:www\.|https?://)
  pattern {unless=listed_name} social{{sep1}}(?:media|network|networking|networks)(?: apps?| sites?| platforms?| accounts?| profiles?)?
  pattern {unless=listed_name} (?:dating|chat|messaging|social|video|live ?stream(?:ing)?|streaming|gaming|webcam|cam|hook{{sep}}up|adult|porn|pornography|file{{sep}}sharing|photo{{sep}}sharing) (?:apps?|sites?|websites?|platforms?|rooms?|services?|channels?)
  pattern {unless=listed_name} chat{{sep}}rooms?|chatrooms?|web{{sep}}cams?|cam{{sep}}sites?|live{{sep}}stream(?:s|ed|ing)?|video{{sep}}chat(?:s|ted|ting)?|video{{sep}}call(?:s|ed|ing)?|cloud storage|icloud|google drive|dropbox|mega\.nz
  pattern {unless=listed_name} (?:an|a messaging|a social media|another|encrypted|anonymous|vault|secret|hidden|calculator|chat|dating) apps?|app called|apps? such as|(?:via|on|through|using) (?:an|the) app
  exclude (?:reported|report|reporting|reports|complete|completed|completing|submitted|submit|filled (?:in|out)|via the|made) (?:it |this |the (?:crime|incident|matter|offence) |an? )?online(?: (?:form|report|reporting|portal|referral))?
  exclude online (?:form|forms|report|reports|reporting|portal|referral|referrals|crime report|crime reporting|statement|banking|shopping|order|orders|ordered|purchase|purchases|payment|payments|tutorial|lessons?|school|schooling|learning|class|classes)
  exclude (?:no|not|nothing|never|without|non|any)(?: (?:an|any|other|further|obvious|known|apparent|evidence of))? online
  exclude (?:no|not|nothing|never|without|non) internet
  exclude (?:police|force|council|school|college|nspcc|ceop|childline|gov|government|police\.uk) (?:websites?|online)
  exclude apps? (?:store|stores)
  # youtube: 389 edit-distance-1 variants; 0 dropped as words of /usr/share/dict/british-english
  pattern outube|yotube|youtbe|youtub|youtue|youube|yutube
  pattern aoutube|boutube|coutube|doutube|eoutube|foutube|goutube|houtube|ioutube|joutube|koutube|loutube|moutube|noutube|ooutube|oyutube|poutube|qoutube|routube|soutube|toutube|uoutube|voutube|woutube|xoutube|yautube|ybutube|ycutube|ydutube|yeutube|yfutube|ygutube|yhutube|yiutube|yjutube|ykutube|ylutube|ymutube|ynutube|yoatube|yobtube|yoctube|yodtube|yoetube|yoftube|yogtube|yohtube|yoitube|yojtube|yoktube|yoltube|yomtube|yontube|yootube|yoptube|yoqtube|yortube|yostube|yottube|yotuube|youaube|youbube|youcube|youdube|youeube|youfube|yougube|youhube|youiube|youjube|youkube|youlube|youmube|younube|youoube|youpube|youqube|yourube|yousube|youtabe|youtbbe|youtbue|youtcbe|youtdbe|youtebe|youtfbe|youtgbe|youthbe|youtibe|youtjbe|youtkbe|youtlbe|youtmbe|youtnbe|youtobe|youtpbe|youtqbe|youtrbe|youtsbe|youttbe|youtuae|youtuba|youtubb|youtubc|youtubd|youtubf|youtubg|youtubh|youtubi|youtubj|youtubk|youtubl|youtubm|youtubn|youtubo|youtubp|youtubq|youtubr|youtubs|youtubt|youtubu|youtubv|youtubw|youtubx|youtuby|youtubz|youtuce|youtude|youtueb|youtuee|youtufe|youtuge|youtuhe|youtuie|youtuje|youtuke|youtule|youtume|youtune|youtuoe|youtupe|youtuqe|youture|youtuse|youtute|youtuue|youtuve|youtuwe|youtuxe|youtuye|youtuze|youtvbe|youtwbe|youtxbe|youtybe|youtzbe|youutbe|youuube|youvube|youwube|youxube|youyube|youzube|yovtube|yowtube|yoxtube|yoytube|yoztube|yputube|yqutube|yrutube|ysutube|ytutube|yuotube|yuutube|yvutube|ywutube|yxutube|yyutube|yzutube|zoutube
  pattern ayoutube|byoutube|cyoutube|dyoutube|eyoutube|fyoutube|gyoutube|hyoutube|iyoutube|jyoutube|kyoutube|lyoutube|myoutube|nyoutube|oyoutube|pyoutube|qyoutube|ryoutube|syoutube|tyoutube|uyoutube|vyoutube|wyoutube|xyoutube|yaoutube|yboutube|ycoutube|ydoutube|yeoutube|yfoutube|ygoutube|yhoutube|yioutube|yjoutube|ykoutube|yloutube|ymoutube|ynoutube|yoautube|yobutube|yocutube|yodutube|yoeutube|yofutube|yogutube|yohutube|yoiutube|yojutube|yokutube|yolutube|yomutube|yonutube|yooutube|yoputube|yoqutube|yorutube|yosutube|yotutube|youatube|youbtube|youctube|youdtube|youetube|youftube|yougtube|youhtube|youitube|youjtube|youktube|youltube|youmtube|yountube|youotube|youptube|youqtube|yourtube|youstube|youtaube|youtbube|youtcube|youtdube|youteube|youtfube|youtgube|youthube|youtiube|youtjube|youtkube|youtlube|youtmube|youtnube|youtoube|youtpube|youtqube|youtrube|youtsube|youttube|youtuabe|youtubae|youtubbe|youtubce|youtubde|youtubea|youtubeb|youtubec|youtubed|youtubee|youtubef|youtubeg|youtubeh|youtubei|youtubej|youtubek|youtubel|youtubem|youtuben|youtubeo|youtubep|youtubeq|youtuber|youtubes|youtubet|youtubeu|youtubev|youtubew|youtubex|youtubey|youtubez|youtubfe|youtubge|youtubhe|youtubie|youtubje|youtubke|youtuble|youtubme|youtubne|youtuboe|youtubpe|youtubqe|youtubre|youtubse|youtubte|youtubue|youtubve|youtubwe|youtubxe|youtubye|youtubze|youtucbe|youtudbe|youtuebe|youtufbe|youtugbe|youtuhbe|youtuibe|youtujbe|youtukbe|youtulbe|youtumbe|youtunbe|youtuobe|youtupbe|youtuqbe|youturbe|youtusbe|yoututbe|youtuube|youtuvbe|youtuwbe|youtuxbe|youtuybe|youtuzbe|youtvube|youtwube|youtxube|youtyube|youtzube|youutube|youvtube|youwtube|youxtube|youytube|youztube|yovutube|yowutube|yoxutube|yoyutube|yozutube|ypoutube|yqoutube|yroutube|ysoutube|ytoutube|yuoutube|yvoutube|ywoutube|yxoutube|yyoutube|yzoutube|zyoutube
  match uploaded the video to YouTube
  match met on Yubo
  match they matched on Tinder
  match SUSP met IP online
  match groomed via social media
  match met in a chat room
  match showed himself on webcam
  match she met him on a dating app
  match he contacted her on an app called Wizz
  match they spoke via Zoom calls
  match posted it on OnlyFans
  match messaged on you tube
  nomatch met IP at the park
  nomatch the mother reported it online
  nomatch no online element
  nomatch completed an online crime report
  nomatch SUSP sent SMS text messages to her phone
  nomatch they met at a house party
  nomatch sent her a msg through GTA online
