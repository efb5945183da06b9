java -jar /work/frozen/geo-0fe9019.jar embed grid:2\,2\,2 --space sphere --dim 10 --epochs 3000 --batch 64 --patience 200 --loss stress --scale --scale-mode learned --seed 4 --threads 1 --json 
