# moscan pattern set: the 16 platforms listed in FOI 1148A/20 (West Midlands Police, 7/12/2020).
#
# Format (see matchers/pattern_set.hpp): a `platform ID Display name` line, then its lines:
#   pattern REGEX    Hyperscan syntax; case-insensitive and whole-word unless {case} / {partial}
#   exclude REGEX    a false friend: a match of this platform that overlaps it is not a mention
#   match / nomatch  examples checked by the tests (and `moscan patterns check`)
# Overlapping matches of one platform count as one mention ("Facebook Messenger" = 1).
# Possessives work through the word boundary: "facebook's" matches facebook.
set foi_platforms
description The 16 platforms of FOI 1148A/20 with the aliases MO writers use

platform facebook Facebook / Facebook Messenger
  group meta
  pattern face ?book(?: messenger)?
  pattern face-book|facebok|facbook|faceboook|facebbok
  pattern fb(?: messenger)?
  match SUSP contacted IP via Facebook Messenger
  match added V on FB and sent msgs
  match IP's facebook's privacy settings
  match msgs on face-book
  match SUSP messaged her on facebok
  match profile at facebook.com/dark_angel
  nomatch met face to face in the park
  nomatch left his messenger bag at the scene

platform instagram Instagram
  group meta
  pattern insta[ -]?gram
  pattern instagarm|instragram|instgram|instagramm
  pattern insta
  pattern (?:on|via) the gram
  pattern {case} IG
  match followed IP on Insta
  match DMs on IG
  match messaged on insta-gram
  match SUSP posted it on the gram
  match sent the link instagram.com/lola_xx
  match SUSP found her on instagarm
  nomatch instant messaging app
  nomatch SUSP installed an app
  nomatch in this instance
  nomatch SUSP was found with a gram of cannabis

platform whatsapp WhatsApp
  group meta
  pattern what'?s[ -]?app(?:ed)?
  pattern whatsap|watsapp|watsap|whatapp
  pattern wa\.me
  pattern {case} (?:on|via|ON|VIA) WA
  match sent pics via WhatsApp
  match messages on What's App
  match whats app group
  match SUSP whatsapped IP
  match msgs on watsapp
  match sent a wa.me link
  match contacted IP on WA
  nomatch what's happening
  nomatch asked what apps she used
  nomatch IP lives in the WA4 area

platform snapchat Snapchat
  pattern snap[ -]?chatt?s?
  pattern snapcht
  pattern (?:on|via|over) snap
  pattern added (?:ip |v |her |him )?on snap
  pattern sent snaps
  pattern {case} (?:on|via|ON|VIA) SC
  match added IP on Snapchat
  match talked via snap
  match sent snaps of himself
  match sent her several snapchats
  match chatting on snap-chat
  match added on SC
  nomatch SUSP snapped at her
  nomatch a snap decision
  nomatch SC raised with the school

platform imessage iMessage
  pattern i-?mess?age[sd]?
  match texts via iMessage
  match several i-message chats
  match SUSP iMessaged IP
  nomatch I messaged her mother

platform telegram Telegram
  pattern tele?gram
  pattern t\.me
  match moved chat to Telegram
  match sent an invite link t.me/lola_xx
  nomatch hit a telegraph pole
  nomatch in the Daily Telegraph

platform signal Signal
  pattern signal (?:app|messenger|messaging app)
  pattern (?:via|on|over|using) signal
  exclude (?:traffic|no|poor|phone|weak|bad|mobile) signal
  match messaged via Signal
  match installed the Signal app
  nomatch stopped at a traffic signal
  nomatch there was no signal in the flat
  nomatch he signalled to the driver
  nomatch delayed by a signal failure

platform twitch Twitch
  pattern twitch
  exclude (?:eye|muscle|nervous) twitch
  match watched her stream on Twitch
  match streams at twitch.tv/lola
  nomatch his eye twitched
  nomatch twitching nervously
  nomatch a muscle twitch in her left eye

platform online_gaming Online gaming
  pattern online gam(?:e|es|ing)
  pattern gaming (?:online|chat)
  pattern x[ -]?box(?: live| party(?: chat)?)?
  pattern ps[345]
  pattern ps party(?: chat)?
  pattern playstation(?: network)?
  pattern psn
  pattern fortnite
  pattern (?:on|playing) fortnight
  pattern roblox
  pattern minecraft
  pattern call of duty(?: warzone)?
  pattern warzone
  pattern {case} COD
  pattern fifa online
  pattern gta(?: v| 5)? online
  pattern {case} Among Us
  pattern nintendo switch(?: online)?
  pattern {case} Steam
  exclude steam clean(?:er|ing)
  match met while playing Fortnite
  match party chat on Xbox Live
  match through online gaming
  match they were playing fortnight together
  match chatted on Among Us
  match via PS party chat
  match on Nintendo Switch online
  nomatch cod and chips
  nomatch the windows were steamed up
  nomatch Steam cleaning equipment was seized
  nomatch released a fortnight ago
  nomatch no one among us would find out
  nomatch PS Jones attended the scene

platform kik Kik
  pattern kik(?: messenger)?
  match chatting on Kik
  nomatch SUSP kicked the door
  nomatch kicks off

platform twitter Twitter
  pattern twitt?er
  pattern tweet(?:s|ed)?
  match DM on Twitter
  match posted tweets about V
  match SUSP tweeted about IP
  nomatch the birds were twittering

platform skype Skype
  pattern sk(?:yp|py)e
  pattern skyp(?:ed|ing)
  match video call on Skype
  match SUSP skyped IP
  match SUSP was skyping IP
  nomatch skyline

platform tiktok TikTok
  pattern tik[ .-]?toc?ks?
  match videos on TikTok
  match tik-tok account
  match on tik.tok
  match commented on IP's TikToks
  nomatch tick tock

platform facetime FaceTime
  pattern face[ -]?tim(?:e|ed|ing)
  exclude face time (?:with|together)
  match called on FaceTime
  match facetimed IP
  match SUSP was facetiming IP
  nomatch face to face
  nomatch more face time with her social worker

platform discord Discord
  pattern discord
  pattern discrod
  exclude (?:family|marital|domestic) discord
  exclude discord between (?:the|his|her) (?:parents|family|couple)
  match joined a Discord server
  match contacted V via Discord between 1700 and 1800 hrs
  nomatch history of family discord
  nomatch discord between the parents

platform omegle Omegle
  pattern omegle|omegel
  match met on Omegle
  nomatch omelette
