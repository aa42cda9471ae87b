package vi
import ("testing";"time";"math/rand/v2";"strings")
func TestSlowHunt(t *testing.T){
	n := New(Options{})
	r := rand.New(rand.NewPCG(9,9))
	alpha := []string{"1",".",",","/","-",":","0","A","Đ","h","%"," ","\n","X","I","v","đ","c","TP","km","ngày ","tháng ","quý ","thứ ","số "}
	worst := time.Duration(0)
	for k := 0; k < 3000; k++ {
		var b strings.Builder
		l := r.IntN(3000)
		for j := 0; j < l; j++ { b.WriteString(alpha[r.IntN(len(alpha))]) }
		s := b.String()
		st := time.Now(); n.Sentences(s); d := time.Since(st)
		if d > worst { worst = d; t.Logf("%v len %d", d, len(s)) }
	}
}
