package engine

import (
	"testing"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// FuzzExtract runs the whole pipeline on arbitrary text and checks the
// output contract: no panic, every span in bounds and on rune boundaries,
// and every span's text equal to the slice it names.
func FuzzExtract(f *testing.F) {
	art, _ := readSeed(f)
	f.Add(art.Text)
	f.Add("WASHINGTON (Reuters) - \"We will appeal,\" Jane Smith, a spokeswoman for the company, said on Monday.\n\n\"It is not over,\" she added, \"not by far.\"")
	f.Add("According to the minister, «контакты» are „important“, he said, adding that ‘things’ changed.")
	f.Add("President of Russia Vladimir Putin: Good afternoon.\n\nWe are aware of reports that it is expected.\n\nMR PRICE: Thank you.\n\n(Laughter.)")
	f.Add("Keith Vaz MP, Chairman, said:\n\n\"The Report shows\n\nWe will\n\nMaintaining.\"\n\n\"")
	f.Add("The Prime Minister’s Spokesman (PMS) spoke.\n\nThe PMS said: (P\n\nOne MP, along with the , as well as  said it is believed.")
	f.Add("ANTHONY ALBANESE, PRIME MINISTER: Good.\n\nCLENNELL:\n\nPRIME MINISTER:\n\n[Laughter]\n\nDR. GERBERDING: Hi there.\n\nQUESTION: Why?")
	f.Add("((WN))  Why?\n\nNG: Because.\n\nSecretary of State, Chris Grayling said:\n\n‘My priority.\n\n‘This will.’\n\n@x [6] tweeted:\n\nOne woman in the town of Chincha. She said no, and said yes.")
	f.Add("\"\"\"'''«»„“ said said according to , , .")
	// the session of 2026-12-07's shapes: places after prepositions in
	// lists, offices listed with commas, relays, passives, weekdays
	f.Add("Communities in Cumbria, Devon and Cornwall said it. In , and said. EU Research, Science and Innovation Commissioner Carlos Moedas said it.")
	f.Add("The Times quoted as saying. Ann was quoted by as saying that. It is believed . Residents are being urged to.")
	f.Add("The news came on Monday.\n\nThe ministry said it. ACTING SECRETARY M. X:  Hi.\n\nQ:  Why?\n\nSEC. X: No.")
	f.Add("“Burt condemned the attack.\n\n“I condemn\n\n“It,” he said. Lee's comments came as Park said, , the chief, Ann Lee, told the BBC.")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Extract(quotewire.Article{ID: "fuzz", Text: s})
		if err != nil {
			if utf8.ValidString(s) && quotewire.Check(s) == nil {
				t.Fatalf("valid text rejected: %v", err)
			}
			return
		}
		checkOffsets(t, a)
	})
}
