package coref

import (
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// givenGender is the gender of common given names in news copy, for the
// names the learned lexicon (Ranker.Gender, from PolNeAR's pronouns) has
// not seen often enough: that lexicon knows about ninety names, so "Tom",
// "Anna" or "Olaf" went unknown and "She said" could fall to a man named
// just before. Names used for both sexes (Alex, Jordan, Kim, Jean,
// Andrea, Robin, Sam, Taylor …) are left out.
var givenGender = func() map[string]Gender {
	m := map[string]Gender{}
	for _, n := range strings.Fields(`aaron abdul abdullah adam adrian ahmed ali alan albert alexander
		alexei alfred ali alistair amir andrew andrei andrzej angus anthony antonio arnold arthur
		barack barry ben benjamin bernard bernie bill bob boris brad brian bruce carl carlos
		charles charlie chris christian christopher colin craig dan daniel darren david dennis
		dmitry dominic donald douglas duncan edward emmanuel eric ernest felipe francis francisco
		frank fred gary geoffrey george gerald giuseppe gordon graham greg gregory hamid hans harold
		harry hassan henry hugh hussein ian igor isaac ivan jack jacob jake james jamie jan javier
		jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jonathan jorge jose joseph josh
		juan justin karl keith ken kenneth kevin khalid klaus larry lawrence lee leonard liam lloyd
		louis luis luke malcolm marco marcus mark martin matthew max michael miguel mike mikhail
		mohamed mohammad mohammed muhammad nathan neil nicholas nick nigel nikolai noah olaf oleg
		oliver omar oscar owen patrick paul pedro peter philip phillip pierre rafael ralph ray
		raymond richard rick ricky rob robert roberto roger ronald rory roy russell ryan salman
		samuel scott sean sebastian sergei sergey simon stanley stephen steve steven stuart ted
		terry thomas tim timothy todd tom tommy tony vladimir walter wayne william xi yuri yusuf
		zachary`) {
		m[n] = Male
	}
	for _, n := range strings.Fields(`abigail agnes alice alison amanda amy ana angela angelina anita
		ann anna anne annie barbara beatrice betty beverly brenda bridget carol caroline carmen
		catherine cathy charlotte chloe christina christine claire clara claudia cynthia daisy
		deborah debra denise diana diane dolores donna dorothy edith eleanor elena elisabeth
		elizabeth ella ellen emily emma erin eva evelyn fatima fiona florence frances gabriela
		gillian gloria grace hannah harriet heather heidi helen hillary ingrid irene isabel
		isabella jacqueline jane janet janice jennifer jessica jill joan joanna josephine joyce
		judith judy julia julie karen kate katherine kathleen kathryn katie kelly laura lauren linda
		lisa louise lucy lydia margaret margarethe maria marie marina marion martha mary maureen
		megan melanie melissa michelle monica nadia nancy natalia natalie natasha nicola nicole
		nina nora olga olivia pamela patricia paula pauline penny priya rachel rebecca rita rosa
		rose ruth sally samantha sandra sara sarah sharon sheila sofia sophia sophie stephanie
		susan suzanne svetlana sylvia tatiana teresa theresa tina ursula valentina valerie
		vanessa victoria virginia wendy yvonne yulia zoe`) {
		m[n] = Female
	}
	return m
}()

// givenNameGender returns the gender givenGender gives entity e's first
// word (its given name), or Unknown.
func givenNameGender(name string) Gender {
	for _, w := range strings.Fields(quotewire.NameKey(name)) {
		if phrase.IsTitle(strings.TrimSuffix(w, ".")) {
			continue // "WPC Yvonne Fletcher", "Dr Anna Schmidt"
		}
		return givenGender[w]
	}
	return Unknown
}
