package engine

import (
	"strings"
	"testing"
)

// TestSpeakerPatterns runs the default pipeline on the common shapes of
// attribution in English news, one short article each (after a first
// sentence that names a weekday, which must never become a speaker), and
// checks that a quote holding the content comes out with the speaker a
// reader names and whether that speaker is unnamed. The shapes: the
// source before or after the content or inside it, titles and
// appositions before and after names, "according to", hearers after
// "told", adjuncts between the cue and the content, pronouns and
// descriptors that refer back, organisations, documents and outlets that
// speak, and the acts besides statements.
func TestSpeakerPatterns(t *testing.T) {
	tests := []struct {
		text, content, speaker string
		anonymous              bool
	}{
		{"Police said the suspect had been arrested on Sunday.", "the suspect had been arrested", "police", true},
		{"The suspect had been arrested on Sunday, police said.", "The suspect had been arrested", "police", true},
		{"The suspect, police said, had been arrested on Sunday.", "had been arrested", "police", true},
		{"A police spokesman said the suspect had been arrested.", "the suspect had been arrested", "police spokesman", true},
		{"The suspect had been arrested, a police spokesman told Reuters.", "The suspect had been arrested", "police spokesman", true},
		{"\"We have arrested the suspect,\" police spokesman John Smith told reporters.", "We have arrested the suspect", "John Smith", false},
		{"\"We have arrested the suspect,\" said John Smith, a police spokesman.", "We have arrested the suspect", "John Smith", false},
		{"John Smith, a police spokesman, said the suspect had been arrested.", "the suspect had been arrested", "John Smith", false},
		{"Interior Minister Ahmed Khan said on Monday that the border would reopen next week.", "the border would reopen", "Ahmed Khan", false},
		{"The border will reopen next week, Interior Minister Ahmed Khan said on Monday.", "The border will reopen", "Ahmed Khan", false},
		{"The border will reopen next week, said Interior Minister Ahmed Khan.", "The border will reopen", "Ahmed Khan", false},
		{"Ahmed Khan, the interior minister, told parliament the border would reopen next week.", "the border would reopen", "Ahmed Khan", false},
		{"In a statement, the ministry said the border would reopen next week.", "the border would reopen", "ministry", true},
		{"The ministry said in a statement that the border would reopen next week.", "the border would reopen", "ministry", true},
		{"The Foreign Ministry said in a statement on Tuesday that the talks had failed.", "the talks had failed", "Foreign Ministry", false},
		{"Officials said the talks had failed.", "the talks had failed", "officials", true},
		{"The talks had failed, officials said, adding that a new round was planned.", "The talks had failed", "officials", true},
		{"Residents said the water had risen quickly overnight.", "the water had risen", "residents", true},
		{"\"The water rose so fast,\" said Maria Lopez, 54, a resident of the town.", "The water rose so fast", "Maria Lopez", false},
		{"Maria Lopez, 54, said the water had risen quickly.", "the water had risen", "Maria Lopez", false},
		{"Witnesses told the Associated Press that several shots were fired.", "several shots were fired", "witnesses", true},
		{"Several shots were fired, according to witnesses.", "Several shots were fired", "witnesses", true},
		{"According to the World Health Organization, the outbreak has killed 200 people.", "the outbreak has killed", "World Health Organization", false},
		{"The outbreak has killed 200 people, according to the World Health Organization.", "The outbreak has killed", "World Health Organization", false},
		{"The World Health Organization says the outbreak has killed 200 people.", "the outbreak has killed", "World Health Organization", false},
		{"Prime Minister Jane Doe announced that taxes would be cut.", "taxes would be cut", "Jane Doe", false},
		{"Jane Doe said she would resign. She said the decision was hers alone.", "the decision was hers alone", "Jane Doe", false},
		{"Jane Doe arrived in Paris on Monday. \"This visit matters,\" she told reporters.", "This visit matters", "Jane Doe", false},
		{"The company said in a filing that profits had fallen by 20 percent.", "profits had fallen", "company", true},
		{"The United Nations warned that millions faced hunger.", "millions faced hunger", "United Nations", false},
		{"The U.N. refugee agency said more than a million people had fled.", "more than a million people had fled", "U.N. refugee agency", true},
		{"The White House said the president would sign the bill.", "the president would sign the bill", "White House", false},
		{"The Kremlin said Moscow would respond.", "Moscow would respond", "Kremlin", false},
		{"Russian President Vladimir Putin said Moscow would respond.", "Moscow would respond", "Vladimir Putin", false},
		{"Putin said Moscow would respond, adding that the West was to blame.", "the West was to blame", "Putin", false},
		{"\"We will respond,\" Putin said. \"The West is to blame.\"", "The West is to blame", "Putin", false},
		{"The court ruled that the law was unconstitutional.", "the law was unconstitutional", "court", true},
		{"Judge Mary Brown ruled that the law was unconstitutional.", "the law was unconstitutional", "Mary Brown", false},
		{"The report found that emissions had risen for a third year.", "emissions had risen", "report", true},
		{"Scientists at the University of Oxford said the vaccine was safe.", "the vaccine was safe", "scientists at the University of Oxford", true},
		{"The vaccine is safe, scientists at the University of Oxford said.", "The vaccine is safe", "scientists at the University of Oxford", true},
		{"Health Minister Sara Lee told the BBC the vaccine was safe.", "the vaccine was safe", "Sara Lee", false},
		{"Sara Lee told the BBC on Sunday that the vaccine was safe.", "the vaccine was safe", "Sara Lee", false},
		{"In an interview with the BBC, Sara Lee said the vaccine was safe.", "the vaccine was safe", "Sara Lee", false},
		{"Speaking to reporters in London, Sara Lee said the vaccine was safe.", "the vaccine was safe", "Sara Lee", false},
		{"Sara Lee, speaking to reporters in London, said the vaccine was safe.", "the vaccine was safe", "Sara Lee", false},
		{"The vaccine is safe, Sara Lee, the health minister, told reporters in London.", "The vaccine is safe", "Sara Lee", false},
		{"A senior official, who spoke on condition of anonymity, said the deal was close.", "the deal was close", "senior official", true},
		{"The deal was close, a senior official said on condition of anonymity.", "The deal was close", "senior official", true},
		{"A senior U.S. official said the deal was close.", "the deal was close", "senior U.S. official", true},
		{"Opposition leader Tom Green called the vote a sham.", "the vote a sham", "Tom Green", false},
		{"Tom Green denied the allegations.", "the allegations", "Tom Green", false},
		{"Tom Green denied that he had lied.", "he had lied", "Tom Green", false},
		{"The army said in a statement that five soldiers had been killed.", "five soldiers had been killed", "army", true},
		{"Five soldiers were killed, the army said.", "Five soldiers were killed", "army", true},
		{"The governor declared a state of emergency, saying the floods were the worst in decades.", "the floods were the worst", "governor", true},
		{"Governor Ann Lee declared a state of emergency, saying the floods were the worst in decades.", "the floods were the worst", "Ann Lee", false},
		{"Ann Lee wrote on Twitter that the floods were the worst in decades.", "the floods were the worst", "Ann Lee", false},
		{"\"The floods are the worst in decades,\" Ann Lee wrote on Twitter.", "The floods are the worst", "Ann Lee", false},
		{"Ann Lee tweeted that the floods were the worst in decades.", "the floods were the worst", "Ann Lee", false},
		{"The floods were the worst in decades, Ann Lee tweeted.", "The floods were the worst", "Ann Lee", false},
		{"Ann Lee said: \"The floods are the worst in decades.\"", "The floods are the worst", "Ann Lee", false},
		{"Ann Lee said that the floods were \"the worst in decades\".", "the floods were", "Ann Lee", false},
		{"The floods, Ann Lee said, were the worst in decades.", "were the worst in decades", "Ann Lee", false},
		{"Ann Lee's spokesman said the governor was travelling.", "the governor was travelling", "Ann Lee’s spokesman", true},
		{"A spokesman for Ann Lee said the governor was travelling.", "the governor was travelling", "spokesman for Ann Lee", true},
		{"Her spokesman, Tim Cook, said the governor was travelling.", "the governor was travelling", "Tim Cook", false},
		{"Finance Minister Olaf Berg said the budget was balanced. \"We have done our job,\" he added.", "We have done our job", "Olaf Berg", false},
		{"Finance Minister Olaf Berg presented the budget on Monday.\n\nThe minister said the budget was balanced.", "the budget was balanced", "Olaf Berg", false},
		{"Olaf Berg presented the budget on Monday.\n\nBerg said the budget was balanced.", "the budget was balanced", "Olaf Berg", false},
		{"Olaf Berg met Anna Schmidt on Monday. He said the talks were useful.", "the talks were useful", "Olaf Berg", false},
		{"Anna Schmidt, who met Olaf Berg on Monday, said the talks were useful.", "the talks were useful", "Anna Schmidt", false},
		{"The talks were useful, said Anna Schmidt, who met Olaf Berg on Monday.", "The talks were useful", "Anna Schmidt", false},
		{"The company, which employs 5,000 people, said it would cut jobs.", "it would cut jobs", "company", true},
		{"Siemens, which employs 5,000 people, said it would cut jobs.", "it would cut jobs", "Siemens", false},
		{"Siemens said it would cut jobs. The company added that factories would close.", "factories would close", "Siemens", false},
		{"The mayor of Leeds, Judith Blake, said the city was ready.", "the city was ready", "Judith Blake", false},
		{"Leeds Mayor Judith Blake said the city was ready.", "the city was ready", "Judith Blake", false},
		{"Judith Blake, mayor of Leeds, said the city was ready.", "the city was ready", "Judith Blake", false},
		{"\"The city is ready,\" Blake, 55, said at a news conference.", "The city is ready", "Blake", false},
		{"The city is ready, the mayor said at a news conference on Tuesday.", "The city is ready", "mayor", true},
		{"Dr. Ana Ruiz, an epidemiologist at Johns Hopkins University, said the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"The virus is spreading, said Dr. Ana Ruiz, an epidemiologist at Johns Hopkins University.", "The virus is spreading", "Ana Ruiz", false},
		{"\"The virus is spreading,\" said Dr. Ana Ruiz, an epidemiologist at Johns Hopkins University.", "The virus is spreading", "Ana Ruiz", false},
		{"Ana Ruiz believes the virus is spreading.", "the virus is spreading", "Ana Ruiz", false},
		{"Ana Ruiz thinks the virus is spreading.", "the virus is spreading", "Ana Ruiz", false},
		{"Ana Ruiz warned that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"Ana Ruiz warned reporters that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"Ana Ruiz insisted the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"Ana Ruiz stressed that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"The virus is spreading, Ana Ruiz warned.", "The virus is spreading", "Ana Ruiz", false},
		{"Ana Ruiz said on Twitter that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"In a post on Facebook, Ana Ruiz said the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"Ana Ruiz told CNN in an interview that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"Ana Ruiz told The New York Times that the virus was spreading.", "the virus was spreading", "Ana Ruiz", false},
		{"The virus is spreading, Ana Ruiz told The New York Times.", "The virus is spreading", "Ana Ruiz", false},
		{"The Ministry of Health said 20 new cases had been recorded.", "20 new cases had been recorded", "Ministry of Health", false},
		{"Twenty new cases were recorded, the Ministry of Health said.", "Twenty new cases were recorded", "Ministry of Health", false},
		{"Health officials said 20 new cases had been recorded.", "20 new cases had been recorded", "health officials", true},
		{"Local media reported that 20 people had died.", "20 people had died", "local media", true},
		{"State television reported that 20 people had died.", "20 people had died", "state television", true},
		{"The BBC reported that 20 people had died.", "20 people had died", "BBC", false},
		{"Twenty people died, the BBC reported.", "Twenty people died", "BBC", false},
		{"Reuters reported that 20 people had died, citing police.", "20 people had died", "Reuters", false},
		{"NASA said the launch would go ahead.", "the launch would go ahead", "NASA", false},
		{"NASA officials said the launch would go ahead.", "the launch would go ahead", "NASA officials", true},
		{"The launch will go ahead, NASA announced.", "The launch will go ahead", "NASA", false},
		{"NASA Administrator Bill Nelson said the launch would go ahead.", "the launch would go ahead", "Bill Nelson", false},
		{"The space agency said the launch would go ahead.", "the launch would go ahead", "space agency", true},
		{"Gen. Mark Milley told lawmakers the war was a strategic failure.", "the war was a strategic failure", "Mark Milley", false},
		{"Milley called the war a strategic failure.", "the war a strategic failure", "Milley", false},
		{"Milley described the war as a strategic failure.", "the war as a strategic failure", "Milley", false},
		{"Milley praised the troops for their courage.", "the troops for their courage", "Milley", false},
		{"Milley asked whether the war had been worth it.", "the war had been worth it", "Milley", false},
		{"Milley urged Congress to act.", "Congress to act", "Milley", false},
		{"Milley called on Congress to act.", "Congress to act", "Milley", false},
		{"Milley expects the war to end soon.", "the war to end soon", "Milley", false},
		{"Milley said he expects the war to end soon.", "he expects the war to end soon", "Milley", false},
		{"The ceasefire is holding, Israeli officials said.", "The ceasefire is holding", "Israeli officials", true},
		{"The Israeli military said the ceasefire was holding.", "the ceasefire was holding", "Israeli military", true},
		{"The Pentagon said the ceasefire was holding.", "the ceasefire was holding", "Pentagon", false},
		{"Pentagon spokesman John Kirby said the ceasefire was holding.", "the ceasefire was holding", "John Kirby", false},
		{"\"We are ready,\" the general said. \"Our troops are in place.\"", "Our troops are in place", "general", true},
		{"\"We are ready,\" said Gen. Tom Hill. \"Our troops are in place,\" he added.", "Our troops are in place", "Tom Hill", false},
		{"\"We are ready. Our troops are in place,\" said Gen. Tom Hill, the commander of the force.", "We are ready", "Tom Hill", false},
		{"Gen. Tom Hill said: \"We are ready.\"", "We are ready", "Tom Hill", false},
		{"Gen. Tom Hill said:\n\n\"We are ready. Our troops are in place.\"", "We are ready", "Tom Hill", false},
		{"Gen. Tom Hill, the commander of the force, said the troops were ready. \"We have never been better prepared,\" he said.", "We have never been better prepared", "Tom Hill", false},
		{"Tom Hill said the troops were ready.\n\n\"We have never been better prepared.\"", "We have never been better prepared", "Tom Hill", false},
		{"Tom Hill said the troops were ready.\n\n\"We have never been better prepared,\" he said. \"The enemy knows it.\"", "The enemy knows it", "Tom Hill", false},
		{"\"We have never been better prepared,\" Hill, 52, told reporters.", "We have never been better prepared", "Hill", false},
		{"\"We have never been better prepared,\" Hill told The Associated Press.", "We have never been better prepared", "Hill", false},
		{"\"It is a disaster,\" said one resident, who gave only her first name, Maria.", "It is a disaster", "resident", true},
		{"\"It is a disaster,\" one resident said.", "It is a disaster", "resident", true},
		{"\"It is a disaster,\" a local shopkeeper told the BBC.", "It is a disaster", "local shopkeeper", true},
		{"\"It is a disaster,\" said a spokeswoman for the city council.", "It is a disaster", "spokeswoman for the city council", true},
		{"\"Why did this happen?\" asked Maria Lopez.", "Why did this happen?", "Maria Lopez", false},
		{"Maria Lopez asked: \"Why did this happen?\"", "Why did this happen?", "Maria Lopez", false},
		{"\"It is a disaster,\" Lopez wrote in a Facebook post.", "It is a disaster", "Lopez", false},
		{"In a statement, the company said: \"We regret the incident.\"", "We regret the incident", "company", true},
		{"\"We regret the incident,\" the company said in a statement.", "We regret the incident", "company", true},
		{"\"We regret the incident,\" BP said in a statement.", "We regret the incident", "BP", false},
		{"The statement said: \"We regret the incident.\"", "We regret the incident", "statement", true},
		{"BP issued a statement. \"We regret the incident,\" it said.", "We regret the incident", "BP", false},
		{"President Joe Biden told reporters at the White House that the deal was done.", "the deal was done", "Joe Biden", false},
		{"Biden told reporters at the White House: \"The deal is done.\"", "The deal is done", "Biden", false},
		{"\"The deal is done,\" Biden told reporters at the White House on Friday.", "The deal is done", "Biden", false},
		{"\"The deal is done,\" the president told reporters.", "The deal is done", "president", true},
		{"Speaking at the White House, Biden said the deal was done.", "the deal was done", "Biden", false},
		{"The deal is done, Biden said, but details remain to be worked out.", "The deal is done", "Biden", false},
		{"Biden said the deal was done but that details remained to be worked out.", "the deal was done", "Biden", false},
	}
	for _, tt := range tests {
		a := extractText(t, "pattern", "The news came on Monday.\n\n"+tt.text)
		ok := false
		var got []string
		for _, q := range a.Quotes {
			if !strings.Contains(q.Content.Text, tt.content) {
				continue
			}
			if q.Speaker == nil {
				got = append(got, "no speaker")
				continue
			}
			got = append(got, q.Speaker.Name)
			ok = ok || strings.EqualFold(q.Speaker.Name, tt.speaker) && q.Speaker.Anonymous == tt.anonymous
		}
		if !ok {
			t.Errorf("%q: quote %q by %q, want %q (unnamed %v)", tt.text, tt.content, got, tt.speaker, tt.anonymous)
		}
	}
}
